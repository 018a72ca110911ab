package web

import (
	"bytes"
	"encoding/json"
)

// docFields are the members of an article version the index keeps.
type docFields struct {
	Title       string `json:"title"`
	Language    string `json:"language"`
	PublishedAt string `json:"published_at"`
	Version     int    `json:"version"`
	FetchedAt   string `json:"fetched_at"`
	FirstSeen   string `json:"first_seen"`
}

// archiveTail starts the archive members the store appends to an
// article's JSON. A quote inside a JSON string is escaped, so these bytes
// can only be the member itself.
var archiveTail = []byte(`,"version":`)

// parseDoc reads docFields from an article version's JSON without reading
// its text and body, which are most of it: the title, published_at and
// language come early in the object, and the archive members last. Reading
// the whole document is the fallback whenever that shape is not there.
func parseDoc(doc []byte) (docFields, error) {
	var f docFields
	i := bytes.LastIndex(doc, archiveTail)
	if i < 0 || json.Unmarshal(append([]byte{'{'}, doc[i+1:]...), &f) != nil || !headFields(doc[:i], &f) {
		f = docFields{}
		err := json.Unmarshal(doc, &f)
		return f, err
	}
	return f, nil
}

// headFields reads title, published_at and language from the start of the
// object, stopping once it has all three; false if it could not.
func headFields(head []byte, f *docFields) bool {
	dec := json.NewDecoder(bytes.NewReader(head))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	need := 3
	for need > 0 {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		key, ok := t.(string)
		if !ok {
			return false
		}
		var dst *string
		switch key {
		case "title":
			dst = &f.Title
		case "published_at":
			dst = &f.PublishedAt
		case "language":
			dst = &f.Language
		}
		if dst == nil {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return false
			}
			continue
		}
		if dec.Decode(dst) != nil {
			return false
		}
		need--
	}
	return true
}
