package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"newsarchive/notify"
	"newsarchive/store"
)

// notificationsLimit is how many outbox entries a page, the API (by
// default) and a rule's feed list.
const notificationsLimit = 100

// outboxQuery reads the state, rule and limit parameters shared by the
// notifications page and API.
func (s *Server) outboxQuery(q url.Values) (store.OutboxState, string, int, error) {
	st := store.OutboxState(q.Get("state"))
	switch st {
	case "", store.OutboxPending, store.OutboxSent, store.OutboxFailed:
	default:
		return "", "", 0, badParam("state", "want pending, sent or failed (got %q)", st)
	}
	limit := notificationsLimit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return "", "", 0, badParam("limit", "want a number, 0 for all (got %q)", v)
		}
		limit = n
	}
	return st, q.Get("rule"), limit, nil
}

// outbox reads the entries the request's parameters select; on an error
// it has answered the request and ok is false.
func (s *Server) outbox(w http.ResponseWriter, r *http.Request) (entries []store.OutboxEntry, state store.OutboxState, rule string, ok bool) {
	state, rule, limit, err := s.outboxQuery(r.URL.Query())
	if err == nil {
		entries, err = s.opts.Store.Outbox(state, rule, limit)
	}
	if err != nil {
		s.failErr(w, r, err)
		return nil, "", "", false
	}
	return entries, state, rule, true
}

// apiNotifications answers GET /api/notifications?state=&rule=&limit=:
// the outbox, newest first, each entry with its delivery state and
// payload.
func (s *Server) apiNotifications(w http.ResponseWriter, r *http.Request) {
	entries, _, _, ok := s.outbox(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Notifications []store.OutboxEntry `json:"notifications"`
	}{entries})
}

type notificationsView struct {
	Entries []notificationRow
	State   string
	Rule    string
	Rules   []string
}

type notificationRow struct {
	store.OutboxEntry
	Title string
}

// notificationsPage answers GET /notifications: pending, sent and failed
// notifications, with links to the article and the diff they carry.
func (s *Server) notificationsPage(w http.ResponseWriter, r *http.Request) {
	entries, state, rule, ok := s.outbox(w, r)
	if !ok {
		return
	}
	v := notificationsView{State: string(state), Rule: rule, Rules: s.opts.Rules}
	for _, e := range entries {
		v.Entries = append(v.Entries, notificationRow{OutboxEntry: e, Title: payloadOf(e).Title})
	}
	s.render(w, r, http.StatusOK, "notifications", pageData{Title: "Notifications", Nav: "notifications", Body: v})
}

// ruleFeed answers GET /feeds/rule/NAME.atom: the changes rule NAME
// notified of, newest first, one entry per change however many targets
// the rule has, each linking to its diff.
func (s *Server) ruleFeed(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".atom")
	known := false
	for _, n := range s.opts.Rules {
		known = known || n == name
	}
	if !ok || !known {
		s.fail(w, r, http.StatusNotFound, "", fmt.Sprintf("no notification rule named %q", name))
		return
	}
	entries, err := s.opts.Store.Outbox("", name, 0)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	base := s.baseURL(r)
	feed := &feeds.Feed{
		Title:       "newsarchive: " + name,
		Link:        &feeds.Link{Href: base + "/notifications?rule=" + url.QueryEscape(name)},
		Description: "The new and edited articles notification rule " + name + " matched.",
		Updated:     time.Now().UTC(),
	}
	seen := map[string]bool{}
	for _, e := range entries {
		if seen[e.IdemKey] {
			continue // the same change for another target of the rule
		}
		seen[e.IdemKey] = true
		if len(feed.Items) == notificationsLimit {
			break
		}
		p := payloadOf(e)
		link := fmt.Sprintf("%s/article?url=%s&v=%d", base, url.QueryEscape(e.Key), e.To)
		title := "New: " + p.Title
		if e.Event == "changed" {
			link = fmt.Sprintf("%s/diff?url=%s&from=%d&to=%d", base, url.QueryEscape(e.Key), e.From, e.To)
			title = fmt.Sprintf("Edited (v%d): %s", e.To, p.Title)
		}
		if len(feed.Items) == 0 {
			feed.Updated = e.Created
		}
		feed.Items = append(feed.Items, &feeds.Item{
			Id:          link,
			Title:       title,
			Link:        &feeds.Link{Href: link},
			Created:     e.Created,
			Updated:     e.Created,
			Description: ruleSummary(p),
		})
	}
	atom, err := feed.ToAtom()
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	fmt.Fprint(w, atom)
}

// payloadOf decodes an entry's payload; a payload it cannot read shows as
// empty rather than failing the page.
func payloadOf(e store.OutboxEntry) notify.Payload {
	var p notify.Payload
	json.Unmarshal(e.Payload, &p)
	return p
}

// ruleSummary is an entry's text: what changed, with the diff the
// notification carried (shortened).
func ruleSummary(p notify.Payload) string {
	sum := p.Site
	if len(p.ChangedFields) > 0 {
		sum += ": changed " + strings.Join(p.ChangedFields, ", ")
	}
	if p.Diff.Deleted+p.Diff.Inserted > 0 {
		sum += fmt.Sprintf(" (%d words deleted, %d inserted)", p.Diff.Deleted, p.Diff.Inserted)
	}
	d := p.Diff.Unified
	if r := []rune(d); len(r) > 600 {
		d = string(r[:600]) + "…"
	}
	if d != "" {
		sum += "\n\n" + d
	}
	return sum
}
