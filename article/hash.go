package article

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ContentHash returns the hex SHA-256 of the article's content: title,
// authors, published_at, source and text, each NFC-normalised with runs of
// white space collapsed to one space and trimmed (decision 3 of issue #2).
//
// Everything else — related links, images, tags, views, description,
// modified_at, the HTML — is deliberately left out: those change on every
// fetch of many sites and must not create versions.
func ContentHash(a *Article) string {
	h := sha256.New()
	field := func(name, v string) {
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write([]byte(NormalizeText(v)))
		h.Write([]byte{0})
	}
	field("title", a.Title)
	field("authors", strings.Join(a.Authors, "\x1f"))
	field("published_at", a.PublishedAt)
	field("source", a.Source)
	field("text", a.Text)
	return hex.EncodeToString(h.Sum(nil))
}

// NormalizeText is the normal form used for hashing: NFC, every run of
// Unicode white space collapsed to a single space, trimmed.
func NormalizeText(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
