package render

import "bytes"

// pieces gathers a paragraph's text from the text nodes it is made of.
// Most paragraphs are one text node: that text is taken as it is, with no
// copy, and only a second piece starts a buffer (kept for the next
// paragraph).
type pieces struct {
	first string
	n     int
	buf   []byte
}

func (p *pieces) add(s string) {
	switch p.n {
	case 0:
		p.first = s
	case 1:
		p.buf = append(append(p.buf[:0], p.first...), s...)
	default:
		p.buf = append(p.buf, s...)
	}
	p.n++
}

// text is the pieces joined.
func (p *pieces) text() string {
	if p.n <= 1 {
		return p.first
	}
	return string(p.buf)
}

func (p *pieces) reset() { p.first, p.n = "", 0 }

// keyAnchor is how much of a key containsKey looks for first.
const keyAnchor = 32

// containsKey is bytes.Contains(h, k) for a long key k: it looks for the
// key's first keyAnchor bytes and compares the rest where they stand.
// bytes.Contains falls back to a rolling hash over all of h for a long
// needle whose first byte is frequent, as a key's letters are; a short
// one it finds with vector instructions, and a key's first 32 letters
// seldom stand in the text but where the key does.
func containsKey(h []byte, k string) bool {
	if len(k) <= keyAnchor {
		return bytes.Contains(h, []byte(k))
	}
	head := []byte(k[:keyAnchor])
	for {
		i := bytes.Index(h, head)
		if i < 0 {
			return false
		}
		if bytes.HasPrefix(h[i:], []byte(k)) {
			return true
		}
		h = h[i+1:]
	}
}
