package app

import (
	"context"
	"errors"
	"hash/fnv"
	"log/slog"
	"regexp"
	"sort"
	"sync"
	"time"

	"newsarchive/article"
	"newsarchive/config"
	"newsarchive/notify"
	"newsarchive/store"
)

// NotifyRules maps the configuration's notify rules onto notify.Rule.
func NotifyRules(c config.Config) ([]notify.Rule, error) {
	out := make([]notify.Rule, 0, len(c.Notify))
	for _, r := range c.Notify {
		nr := notify.Rule{
			Name: r.Name, On: r.On, Jobs: r.Jobs, Sites: r.Sites, Fields: r.Fields,
			MinChange: r.MinChange, AddedOnly: r.AddedOnly, RetryFor: r.RetryFor.D(),
		}
		if r.Match != "" {
			re, err := regexp.Compile(r.Match)
			if err != nil {
				return nil, err
			}
			nr.Match = re
		}
		if w := r.Webhook; w != nil {
			nr.Webhook = &notify.Webhook{URL: w.URL, Secret: w.Secret, Headers: w.Headers}
		}
		if e := r.Email; e != nil {
			nr.Email = &notify.Email{SMTP: e.SMTP, From: e.From, To: e.To, StartTLS: e.StartTLS}
		}
		out = append(out, nr)
	}
	return out, nil
}

// Notifier matches the notification rules when the sink archives a
// version, so that the outbox entries go into the same Put, and wakes the
// sender afterwards. A nil *Notifier notifies nothing.
type Notifier struct {
	rules     []notify.Rule
	publicURL string
	job       string
	sender    *notify.Sender // nil: entries wait for the next sender
}

// keyLocks serialise, per archive key, the read of the latest version and
// the put that follows it, so that two fetches of one article in one
// process cannot both diff against the same older version.
var keyLocks [256]sync.Mutex

func keyLock(key string) *sync.Mutex {
	h := fnv.New32a()
	h.Write([]byte(key))
	return &keyLocks[h.Sum32()%uint32(len(keyLocks))]
}

// put archives snap, with the notifications it causes.
func (n *Notifier) put(ctx context.Context, st *store.Store, snap store.Snapshot) (store.PutResult, error) {
	if n == nil || len(n.rules) == 0 {
		return st.Put(ctx, snap)
	}
	key := snap.Key
	if key == "" {
		key = snap.URL
	}
	mu := keyLock(key)
	mu.Lock()
	defer mu.Unlock()
	c := &notify.Change{Job: n.job, Key: key, URL: snap.URL, Cur: snap.Article, FetchedAt: snap.FetchedAt, To: 1}
	if prev, err := st.Latest(key); err == nil {
		c.Prev, c.From, c.To = &prev, prev.Version, prev.Version+1
	} else if !errors.Is(err, store.ErrNotFound) {
		return store.PutResult{}, err
	}
	snap.Outbox = notify.Prepare(n.rules, c, n.publicURL)
	r, err := st.Put(ctx, snap)
	if err == nil && snap.Outbox != nil && r.Outcome != store.Unchanged && n.sender != nil {
		n.sender.Kick()
	}
	return r, err
}

// senders holds the one running sender of each open archive, so that a
// crawl started inside serve uses serve's sender instead of a second one
// racing it for the same entries.
var senders = struct {
	sync.Mutex
	m map[*store.Store]*runningSender
}{m: map[*store.Store]*runningSender{}}

type runningSender struct {
	s      *notify.Sender
	refs   int
	cancel context.CancelFunc
	done   chan struct{}
}

// StartNotifier starts delivering st's outbox with the configured rules
// (or joins the sender already running for st) and returns the sender and
// a stop function. serve calls it for its whole life; RunJob for a run.
// With no rules it returns a nil sender and a no-op stop.
func (s *Service) StartNotifier(st *store.Store) (*notify.Sender, func()) {
	rules, err := NotifyRules(s.Config)
	if err != nil || len(rules) == 0 || st.ReadOnly() {
		return nil, func() {}
	}
	senders.Lock()
	defer senders.Unlock()
	rs := senders.m[st]
	if rs == nil {
		ctx, cancel := context.WithCancel(context.Background())
		rs = &runningSender{s: s.newSender(st, rules), cancel: cancel, done: make(chan struct{})}
		senders.m[st] = rs
		go func() { rs.s.Run(ctx); close(rs.done) }()
	}
	rs.refs++
	var once sync.Once
	return rs.s, func() {
		once.Do(func() {
			senders.Lock()
			rs.refs--
			last := rs.refs == 0
			if last {
				delete(senders.m, st)
			}
			senders.Unlock()
			if last {
				rs.cancel()
				<-rs.done
			}
		})
	}
}

func (s *Service) newSender(st *store.Store, rules []notify.Rule) *notify.Sender {
	return &notify.Sender{Outbox: st, Rules: rules, Log: s.logger(), KeepSent: s.Config.NotifyKeepSent.D()}
}

// notifier returns the Notifier of one job's run, or nil with no rules.
func (s *Service) notifier(job string, sender *notify.Sender) *Notifier {
	rules, err := NotifyRules(s.Config)
	if err != nil || len(rules) == 0 {
		return nil
	}
	return &Notifier{rules: rules, publicURL: s.Config.Serve.PublicURL, job: job, sender: sender}
}

// startRunNotify prepares a job run's notifications: the sink's Notifier
// and a finish function that waits up to notify_wait for the outbox to
// empty (not after an interrupt) and then stops the sender.
func (s *Service) startRunNotify(st *store.Store, job string, log *slog.Logger) (*Notifier, func(ctx context.Context)) {
	sender, stop := s.StartNotifier(st)
	if sender == nil {
		return nil, func(context.Context) {}
	}
	return s.notifier(job, sender), func(ctx context.Context) {
		defer stop()
		if ctx.Err() != nil {
			return
		}
		if left := sender.Wait(ctx, s.Config.NotifyWait.D()); left > 0 {
			log.Warn("notifications still pending; the next crawl or `newsarchive notify --send` delivers them", "pending", left)
		}
	}
}

// SendNotifications delivers the outbox until it is empty or wait has
// passed, and returns how many entries are still pending.
func (s *Service) SendNotifications(ctx context.Context, wait time.Duration) (int, error) {
	st, release, err := s.acquire()
	if err != nil {
		return 0, err
	}
	sender, stop := s.StartNotifier(st)
	left := 0
	if sender != nil {
		sender.Kick()
		left = sender.Wait(ctx, wait)
	} else if n, _, err := st.OutboxPending(); err == nil && n > 0 {
		left = n
		s.logger().Warn("no notify rules configured: pending notifications are left as they are", "pending", n)
	}
	stop()
	return left, release()
}

// TestNotification sends rule's notification of the latest archived edit
// that the rule matches (or of a sample edit when none does) to every
// target of the rule, outside the outbox. It returns what was sent.
func (s *Service) TestNotification(ctx context.Context, st *store.Store, name string) (notify.Payload, bool, error) {
	rules, err := NotifyRules(s.Config)
	if err != nil {
		return notify.Payload{}, false, err
	}
	var rule *notify.Rule
	for i := range rules {
		if rules[i].Name == name {
			rule = &rules[i]
		}
	}
	if rule == nil {
		return notify.Payload{}, false, errors.New("no notify rule named " + name)
	}
	c, err := latestMatch(st, *rule)
	if err != nil {
		return notify.Payload{}, false, err
	}
	sample := c == nil
	if sample {
		c = notify.SampleChange()
	}
	p := notify.NewPayload(rule.Name, c, s.Config.Serve.PublicURL)
	sender := s.newSender(st, rules)
	return p, sample, sender.Send(ctx, *rule, p)
}

// latestMatch finds the newest archived version that rule matches
// against the version before it; nil when none does.
func latestMatch(st *store.Store, rule notify.Rule) (*notify.Change, error) {
	type cand struct {
		url string
		v   int
		at  string
	}
	var cands []cand
	err := st.Scan(store.ScanOptions{AllVersions: true}, func(a *article.Article) error {
		cands = append(cands, cand{a.URL, a.Version, a.FetchedAt})
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Newest first; ties (one crawl) by version.
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].at != cands[j].at {
			return cands[i].at > cands[j].at
		}
		return cands[i].v > cands[j].v
	})
	const maxTried = 500
	for i, cd := range cands {
		if i == maxTried {
			break
		}
		key, err := st.Resolve(cd.url)
		if err != nil {
			continue
		}
		cur, err := st.Version(key, cd.v)
		if err != nil {
			continue
		}
		at, _ := time.Parse(time.RFC3339, cur.FetchedAt)
		c := &notify.Change{Key: key, URL: cur.URL, Cur: &cur, To: cd.v, FetchedAt: at}
		if cd.v > 1 {
			prev, err := st.Version(key, cd.v-1)
			if err != nil {
				continue
			}
			c.Prev, c.From = &prev, prev.Version
		}
		test := rule
		test.Jobs = nil // the archive does not record which job fetched a version
		if test.Wants(c) {
			return c, nil
		}
	}
	return nil, nil
}
