package notify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"newsarchive/store"
	"newsarchive/textdiff"
)

// diffContext is how many characters of unchanged text a diff keeps around
// each change, as `newsarchive diff` does by default.
const diffContext = 60

// Payload is the JSON body of a webhook call, and what an e-mail is
// written from.
type Payload struct {
	Rule          string   `json:"rule"`
	Event         string   `json:"event"` // new or changed
	Key           string   `json:"key"`
	URL           string   `json:"url"`
	Title         string   `json:"title"`
	Site          string   `json:"site"`
	FromVersion   int      `json:"from_version"` // 0 for a new article
	ToVersion     int      `json:"to_version"`
	FetchedAt     string   `json:"fetched_at"`
	ChangedFields []string `json:"changed_fields"`
	Diff          Diff     `json:"diff"`
	// DiffURL links to serve's diff page; "" without serve.public_url.
	DiffURL string `json:"diff_url,omitempty"`
	// Test marks a notification sent by `notify --test`.
	Test bool `json:"test,omitempty"`
}

// Diff is the change: as `newsarchive diff` prints it, and field by field.
type Diff struct {
	// Unified is the text `newsarchive diff` prints: a ---/+++ header, then
	// each changed field with [-deleted-] and {+inserted+} markers.
	Unified string `json:"unified"`
	// Deleted and Inserted count words (CJK characters one by one) over
	// every field.
	Deleted  int         `json:"deleted"`
	Inserted int         `json:"inserted"`
	Fields   []FieldDiff `json:"fields"`
}

// FieldDiff is one changed field.
type FieldDiff struct {
	Field    string `json:"field"`
	Deleted  int    `json:"deleted"`
	Inserted int    `json:"inserted"`
	// Edits are the field's pieces in order: op "=" kept (long stretches
	// shortened with "…"), "-" deleted, "+" inserted.
	Edits []EditJSON `json:"edits"`
}

// EditJSON is one piece of a FieldDiff.
type EditJSON struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// NewPayload builds the payload of c for rule; publicURL is serve's address
// ("" for none).
func NewPayload(rule string, c *Change, publicURL string) Payload {
	p := Payload{
		Rule: rule, Event: c.Event(), Key: c.Key, URL: c.URL, Title: c.Cur.Title, Site: c.Site(),
		FromVersion: c.From, ToVersion: c.To, FetchedAt: c.FetchedAt.UTC().Format(time.RFC3339),
		ChangedFields: c.changedFields(),
	}
	if p.URL == "" {
		p.URL = c.Key
	}
	var head strings.Builder
	if c.Prev != nil {
		fmt.Fprintf(&head, "--- %s version %d (fetched %s)\n", c.Key, c.From, c.Prev.FetchedAt)
	} else {
		fmt.Fprintf(&head, "--- %s (new article)\n", c.Key)
	}
	fmt.Fprintf(&head, "+++ %s version %d (fetched %s)\n", c.Key, c.To, p.FetchedAt)
	p.Diff.Unified = head.String() + textdiff.Unified(c.Fields(), diffContext)
	p.Diff.Fields = []FieldDiff{}
	for _, f := range c.Fields() {
		if !f.Changed {
			continue
		}
		fd := FieldDiff{Field: f.Name}
		for _, e := range f.Edits {
			switch e.Op {
			case textdiff.Insert:
				fd.Inserted += textdiff.Words(e.Text)
				fd.Edits = append(fd.Edits, EditJSON{"+", e.Text})
			case textdiff.Delete:
				fd.Deleted += textdiff.Words(e.Text)
				fd.Edits = append(fd.Edits, EditJSON{"-", e.Text})
			default:
				fd.Edits = append(fd.Edits, EditJSON{"=", textdiff.Format([]textdiff.Edit{e}, diffContext)})
			}
		}
		p.Diff.Deleted += fd.Deleted
		p.Diff.Inserted += fd.Inserted
		p.Diff.Fields = append(p.Diff.Fields, fd)
	}
	if publicURL != "" && c.From > 0 {
		p.DiffURL = DiffURL(publicURL, c.Key, c.From, c.To)
	} else if publicURL != "" {
		p.DiffURL = strings.TrimRight(publicURL, "/") + "/article?" + url.Values{"url": {c.Key}, "v": {strconv.Itoa(c.To)}}.Encode()
	}
	return p
}

// DiffURL is the address of serve's diff page between two versions.
func DiffURL(publicURL, key string, from, to int) string {
	q := url.Values{"url": {key}, "from": {strconv.Itoa(from)}, "to": {strconv.Itoa(to)}}
	return strings.TrimRight(publicURL, "/") + "/diff?" + q.Encode()
}

// IdempotencyKey is the same for every delivery of one rule's notification
// of one version of one article.
func IdempotencyKey(rule, key string, version int) string {
	h := sha256.Sum256([]byte(rule + "\x00" + key + "\x00" + strconv.Itoa(version)))
	return hex.EncodeToString(h[:16])
}

// entries returns the outbox entries of c for rules (which matched it): one
// per rule and target, each with that rule's payload.
func entries(rules []Rule, c *Change, publicURL string) []store.OutboxEntry {
	var out []store.OutboxEntry
	for _, r := range rules {
		body, err := encodePayload(NewPayload(r.Name, c, publicURL))
		if err != nil {
			continue // cannot happen: the payload is strings and numbers
		}
		for _, t := range r.targets() {
			out = append(out, store.OutboxEntry{
				Rule: r.Name, Target: t, Key: c.Key, Event: c.Event(), From: c.From, To: c.To,
				IdemKey: IdempotencyKey(r.Name, c.Key, c.To), Payload: body,
			})
		}
	}
	return out
}

// encodePayload is the payload's JSON, with & < > left as they are (the
// diff_url's query, the text of the diff).
func encodePayload(p Payload) ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(p); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
