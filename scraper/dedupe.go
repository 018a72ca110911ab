package scraper

import "sync"

// keySet remembers the archive keys handed to the Sink in this run, so one
// article reached under several URLs (a canonical link, tracking
// parameters the normaliser does not know) is archived once; a second one
// remembers the URLs pushed to the frontier. It is bounded
// to keep memory flat: two generations of at most limit/2 keys each; when
// the young one fills, the old one is dropped. A key forgotten that way can
// at worst be archived a second time, which the store records as
// "unchanged".
type keySet struct {
	mu         sync.Mutex
	young, old map[string]struct{}
	half       int
}

func newKeySet(limit int) *keySet {
	h := max(limit/2, 1)
	return &keySet{young: make(map[string]struct{}), old: map[string]struct{}{}, half: h}
}

// claim adds key and reports whether it was absent.
func (s *keySet) claim(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.young[key]; ok {
		return false
	}
	if _, ok := s.old[key]; ok {
		return false
	}
	if len(s.young) >= s.half {
		s.old, s.young = s.young, make(map[string]struct{})
	}
	s.young[key] = struct{}{}
	return true
}

// has reports whether key is in the set.
func (s *keySet) has(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.young[key]; ok {
		return true
	}
	_, ok := s.old[key]
	return ok
}

// release forgets key (the Sink failed to archive it, so another URL of the
// same article may try again).
func (s *keySet) release(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.young, key)
	delete(s.old, key)
}
