package article

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ContentHash returns the hex SHA-256 of the article's content: title,
// authors, published_at, source and text, each NFC-normalised with runs of
// white space collapsed to one space and trimmed.
//
// Everything else — related links, images, tags, views, description,
// modified_at, the HTML — is deliberately left out: those change on every
// fetch of many sites and must not create versions.
func ContentHash(a *Article) string {
	authors := strings.Join(a.Authors, "\x1f")
	// The hashed stream is, per field: name, NUL, NormalizeText(value),
	// NUL. It is built in one buffer (normalising never lengthens ASCII
	// text) and hashed at once.
	buf := make([]byte, 0, len(a.Title)+len(authors)+len(a.PublishedAt)+len(a.Source)+len(a.Text)+64)
	field := func(name, v string) {
		buf = append(buf, name...)
		buf = append(buf, 0)
		buf = appendNormalized(buf, v)
		buf = append(buf, 0)
	}
	field("title", a.Title)
	field("authors", authors)
	field("published_at", a.PublishedAt)
	field("source", a.Source)
	field("text", a.Text)
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

// NormalizeText is the normal form used for hashing: NFC, every run of
// Unicode white space collapsed to a single space, trimmed.
func NormalizeText(s string) string {
	return string(appendNormalized(make([]byte, 0, len(s)), s))
}

// asciiSpace marks the ASCII characters unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// byteClass sorts bytes for appendNormalized's ASCII runs.
var byteClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c == ' ':
			t[c] = asciiBlank
		case c >= utf8.RuneSelf || asciiSpace[c]:
			t[c] = otherByte
		}
	}
	return t
}()

const (
	plainASCII = iota // copied as it is
	asciiBlank        // ' ': copied when a plain ASCII byte follows
	otherByte         // other white space, or not ASCII
)

// appendNormalized appends NormalizeText(s) to dst. Invalid UTF-8 bytes
// become U+FFFD, as ranging over a string and writing the runes does.
func appendNormalized(dst []byte, s string) []byte {
	s = norm.NFC.String(s) // s itself when already NFC (a quick check)
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				space = true
				i++
				continue
			}
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			// Copy the run of ASCII at once: non-space characters and
			// single spaces between two of them, which stay as they are.
			j := i + 1
			for j < len(s) {
				switch byteClass[s[j]] {
				case plainASCII:
					j++
					continue
				case asciiBlank:
					if j+1 < len(s) && byteClass[s[j+1]] == plainASCII {
						j += 2
						continue
					}
				}
				break
			}
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = true
			i += size
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, "\uFFFD"...)
		} else {
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return dst
}
