package dom

import (
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"
)

// IsSpace is the one white-space rule: Unicode white space plus the
// zero-width space and the byte-order mark, which pages use as invisible
// separators.
//
// The Unicode white space is written out: unicode.IsSpace searches a
// range table for every rune beyond Latin-1, and this runs on every rune
// of every text node (TestIsSpaceAllRunes checks the list against it).
func IsSpace(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiWS[r] != wsNone
	}
	if r < 0x1680 {
		return r == 0x85 || r == 0xa0
	}
	if r <= 0x3000 {
		return r == 0x1680 || 0x2000 <= r && r <= 0x200b || r == 0x2028 || r == 0x2029 ||
			r == 0x202f || r == 0x205f || r == 0x3000
	}
	return r == '\ufeff'
}

// Collapse trims s and turns every run of white space (IsSpace) into one
// ASCII space. Invalid bytes are kept as U+FFFD.
func Collapse(s string) string {
	// The collapsed prefix is taken as it is (the whole of most short
	// texts, with no copy); a space it ends with is pending.
	n, ok := collapsedPrefix(s)
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := n > 0 && s[n-1] == ' '
	if space {
		b.WriteString(s[:n-1])
	} else {
		b.WriteString(s[:n])
	}
	for i := n; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiSpace(c) {
				i++
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			// A control byte that is no white space ends the run
			// and is written on the next turn.
			j := skipPrintable(s, i+1)
			b.WriteString(s[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if IsSpace(r) {
			i += size
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(r)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func asciiSpace(c byte) bool { return c < utf8.RuneSelf && asciiWS[c] != wsNone }

// asciiWS sorts the ASCII bytes for the scans below, which run on every
// text node: a table is faster there than a chain of comparisons.
var asciiWS = func() (t [utf8.RuneSelf]uint8) {
	for _, c := range "\t\n\v\f\r" {
		t[c] = wsOther
	}
	t[' '] = wsBlank
	return t
}()

const (
	wsNone  = iota
	wsBlank // ' '
	wsOther // the other ASCII white space
)

// collapsedPrefix returns the length of the longest prefix of s that is
// valid UTF-8 whose only white space is single ASCII spaces, none leading,
// and whether that is all of s with no space trailing, so that
// Collapse(s) is s.
func collapsedPrefix(s string) (n int, whole bool) {
	prevSpace := true // no space may lead
	try := 0          // where eight bytes at once are tried next
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			if c-0xe4 <= 0xe9-0xe4 && hanAt(s, i) {
				i += 3 // valid, and no white space
				prevSpace = false
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if size == 1 && r == utf8.RuneError || IsSpace(r) {
				return i, false
			}
			i += size
			prevSpace = false
			continue
		}
		if i >= try && i+8 <= len(s) {
			// Eight bytes of printable ASCII and single spaces at once;
			// eight that are not are read one by one.
			if sp, ok := plainSpaces8(load8(s, i)); ok {
				lead := uint64(0)
				if prevSpace {
					lead = 0x80 // a space in the first byte follows one
				}
				if sp&(sp<<8|lead) == 0 {
					prevSpace = sp>>63 != 0
					i += 8
					continue
				}
			}
			try = i + 8
		}
		if j := skipPrintable(s, i); j > i {
			// Printable ASCII, the bulk of most texts, in one loop.
			prevSpace = false
			i = j
			continue
		}
		switch asciiWS[c] {
		case wsNone:
			prevSpace = false
		case wsBlank:
			if prevSpace {
				return i, false
			}
			prevSpace = true
		default:
			return i, false
		}
		i++
	}
	return len(s), !prevSpace || s == ""
}

// skipPrintable returns the end of the run of ASCII bytes above the space
// (none of them white space) that starts at i.
func skipPrintable(s string, i int) int {
	for i < len(s) && s[i]-('!') < utf8.RuneSelf-'!' {
		i++
	}
	return i
}

// countKept adds to runes and bytes what Collapse surely keeps of s: its
// ASCII letters and its whole, valid runes that are not white space. It
// stops, reporting true, as soon as runes passes maxRunes or bytes
// maxBytes (the counts are then partial): a text over the limit is not
// read to its end.
func countKept(s string, runes, bytes *int, maxRunes, maxBytes int) bool {
	try := 0 // where eight bytes at once are tried next
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			if c-0xe4 <= 0xe9-0xe4 && hanAt(s, i) {
				*runes++
				*bytes += 3
				i += 3
				break
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if size > 1 && !IsSpace(r) {
				*runes++
				*bytes += size
			}
		case asciiWS[c] != wsNone:
			i++
		default:
			if i >= try && i+8 <= len(s) {
				// Eight bytes of printable ASCII and spaces at once:
				// the counts only grow, so whether they pass a limit
				// is known as well after the eight as after each.
				if sp, ok := plainSpaces8(load8(s, i)); ok {
					k := 8 - bits.OnesCount64(sp)
					*runes += k
					*bytes += k
					i += 8
					break
				}
				try = i + 8
			}
			// A run of printable ASCII, or a control byte that is no
			// white space: each counts.
			j := max(skipPrintable(s, i), i+1)
			*runes += j - i
			*bytes += j - i
			i = j
		}
		if *runes > maxRunes || *bytes > maxBytes {
			return true
		}
	}
	return *runes > maxRunes || *bytes > maxBytes // a limit below zero
}

// collapser is Collapse over text that comes in pieces: what it holds is
// Collapse of the pieces joined, unless bad.
type collapser struct {
	b     []byte
	space bool // white space is pending: a space goes before more text
	// bad is set on an invalid byte, which may be the start of a rune
	// the next piece ends: the caller then collapses the joined text.
	bad bool
}

func (c *collapser) write(s string) {
	for i := 0; i < len(s); {
		if ch := s[i]; ch < utf8.RuneSelf && asciiWS[ch] != wsNone {
			c.space = true
			i++
			continue
		}
		if s[i] >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				c.bad = true
				return
			}
			if IsSpace(r) {
				c.space = true
				i += size
				continue
			}
		}
		// From text, the longest stretch already collapsed is appended
		// at once; a space it ends with is pending.
		n, _ := collapsedPrefix(s[i:])
		seg := s[i : i+n]
		i += n
		if seg[len(seg)-1] == ' ' {
			c.text(seg[:len(seg)-1])
			c.space = true
		} else {
			c.text(seg)
		}
	}
}

// text appends t, which holds no white space, after the pending space.
func (c *collapser) text(t string) {
	if c.space && len(c.b) > 0 {
		c.b = append(c.b, ' ')
	}
	c.space = false
	c.b = append(c.b, t...)
}

// bufs are the buffers blockText collapses into: the text is copied
// once, into the string returned, and the buffer's growth is paid once.
var bufs = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

func getBuf() *[]byte { return bufs.Get().(*[]byte) }

// putBuf keeps b (grown to *p) for the next text, unless it grew huge.
func putBuf(p *[]byte, b []byte) {
	if cap(b) <= 64<<10 {
		*p = b[:0]
		bufs.Put(p)
	}
}
