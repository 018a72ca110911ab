package urlnorm

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// MaxLength is the longest URL, in bytes, that the crawler queues, fetches
// or archives under. Browsers and servers commonly stop near 8 KiB, and the
// archive's keys must stay well below bbolt's 32 KiB key limit.
const MaxLength = 8 << 10

// ErrTooLong is returned (wrapped in a *LengthError) for a URL longer than
// MaxLength.
var ErrTooLong = errors.New("URL too long")

// LengthError reports an overlong URL without repeating it: its message
// shows the first few dozen bytes, the length and the limit.
type LengthError struct {
	Prefix string // the URL's start, cut at a character boundary
	Len    int
}

func (e *LengthError) Error() string {
	return fmt.Sprintf("%s…: URL is %d bytes; the limit is %d", e.Prefix, e.Len, MaxLength)
}

// Is makes errors.Is(err, ErrTooLong) true.
func (e *LengthError) Is(target error) bool { return target == ErrTooLong }

// CheckLength returns a *LengthError when u is longer than MaxLength.
func CheckLength(u string) error {
	if len(u) <= MaxLength {
		return nil
	}
	return &LengthError{Prefix: Abbrev(u, 60), Len: len(u)}
}

// Abbrev returns at most the first n bytes of s, cut back to a character
// boundary, for messages about strings too long to print.
func Abbrev(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
