package dom

import "math/bits"

// The text scans read plain ASCII text eight bytes at a time, as one
// uint64 ("SIMD within a register"): most text nodes are long runs of
// short words, and a byte loop stops at every space. The tests mark a
// byte by its high bit. Adding a constant below 0x80 to each byte of x
// carries into no other byte while x is ASCII, so each test first
// requires that (x&highs == 0).

const (
	lanes = 0x0101010101010101 // 1 in each byte
	highs = 0x8080808080808080 // the high bit of each byte
)

// load8 reads s[i:i+8] as a little-endian uint64 (the compiler makes it
// one load).
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// below marks the bytes of ASCII x that are below c (c < 0x80).
func below(x uint64, c byte) uint64 { return ^(x + (0x80-uint64(c))*lanes) & highs }

// plainSpaces8 returns, for eight bytes x that are printable ASCII or the
// space, the bytes that are spaces (marked); ok is false when x holds any
// other byte: beyond ASCII, white space other than ' ', or a control.
func plainSpaces8(x uint64) (spaces uint64, ok bool) {
	return below(x, '!'), (x|below(x, ' '))&highs == 0
}

// countable8 returns how many bytes of x Measure counts (all but the
// spaces) when the eight bytes need nothing else of it: printable ASCII
// and spaces, no byte that may be a clause mark. ok is false otherwise.
func countable8(x uint64) (n int, ok bool) {
	sp, ok := plainSpaces8(x)
	if !ok {
		return 0, false
	}
	// The bytes '!' to '/' hold ',', '.' and '!'; ';' (0x3b) and '?'
	// (0x3f) differ in one bit only.
	y := (x | 0x04*lanes) ^ '?'*lanes
	marks := below(x, '/'+1) &^ sp
	marks |= ^((y + 0x7f*lanes) | y) & highs
	return 8 - bits.OnesCount64(sp), marks == 0
}
