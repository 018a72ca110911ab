package search

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// QueryError is a query that does not parse. Col is the 1-based column (in
// characters) where it goes wrong; Error is one line that says where and
// why.
type QueryError struct {
	Col int
	Msg string
}

func (e *QueryError) Error() string { return fmt.Sprintf("bad query at column %d: %s", e.Col, e.Msg) }

// The parsed query: a tree of these nodes.
type (
	orNode  struct{ kids []node }
	andNode struct{ kids []node }
	notNode struct{ kid node }
	// textNode is a word or a phrase, in one text field or ("" field) in
	// the custom _all.
	textNode struct {
		field  string
		text   string
		phrase bool
	}
	// termNode is an exact keyword: site: or lang:.
	termNode struct{ field, value string }
	// rangeNode is a date range; a zero bound is open.
	rangeNode struct {
		field    string
		from, to time.Time // from inclusive, to exclusive
	}
)

type node interface{}

// textFields maps the field names a query may use to the index's text
// fields; keywordFields and dateFields likewise.
var (
	textFields = map[string]string{
		"title": fTitle, "text": fText, "body": fText, "description": fDescription,
		"author": fAuthors, "authors": fAuthors, "source": fSource, "tag": fTags, "tags": fTags,
	}
	keywordFields = map[string]string{"site": fDomain, "lang": fLang, "language": fLang}
	dateFields    = map[string]string{"published": fPublished, "fetched": fFetched}
)

const fieldList = "title, text, description, author, source, tag, site, lang, published, fetched"

// maxQuery bounds the query's length and nesting, so that no input can
// exhaust the stack or the searcher.
const (
	maxQueryBytes = 4096
	maxDepth      = 32
)

// parse reads a query:
//
//	query   = or
//	or      = and { "OR" and }
//	and     = unary { ["AND"] unary }
//	unary   = ("NOT" | "-") unary | primary
//	primary = "(" or ")" | [field ":"] (word | phrase | "(" or ")") | datefield ":" (range | "(" or ")")
//	phrase  = '"' … '"'  (also “…” and 「…」)
//	range   = [">=" | ">" | "<=" | "<"] date | date ".." date
//	date    = YYYY | YYYY-MM | YYYY-MM-DD | RFC 3339
func parse(q string) (node, error) {
	if len(q) > maxQueryBytes {
		return nil, &QueryError{Col: 1, Msg: fmt.Sprintf("the query is longer than %d bytes", maxQueryBytes)}
	}
	if !utf8.ValidString(q) {
		return nil, &QueryError{Col: 1, Msg: "the query is not valid UTF-8"}
	}
	p := &parser{src: []rune(q)}
	p.skipSpace()
	if p.eof() {
		return nil, &QueryError{Col: 1, Msg: "the query is empty"}
	}
	n, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if !p.eof() {
		if p.peek() == ')' {
			return nil, p.errf(p.pos, `")" without a matching "("`)
		}
		return nil, p.errf(p.pos, "unexpected %q", string(p.peek()))
	}
	return n, nil
}

type parser struct {
	src []rune
	pos int
}

func (p *parser) eof() bool  { return p.pos >= len(p.src) }
func (p *parser) peek() rune { return p.src[p.pos] }

func (p *parser) errf(pos int, format string, args ...any) error {
	return &QueryError{Col: pos + 1, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) skipSpace() {
	for !p.eof() && unicode.IsSpace(p.peek()) {
		p.pos++
	}
}

// keyword reports whether the operator kw (AND, OR, NOT; upper case only,
// so that "and" stays a word) starts at the cursor, and skips it.
func (p *parser) keyword(kw string) bool {
	end := p.pos + len(kw)
	if end > len(p.src) || string(p.src[p.pos:end]) != kw {
		return false
	}
	if end < len(p.src) && !unicode.IsSpace(p.src[end]) && p.src[end] != '(' && !isQuote(p.src[end]) {
		return false
	}
	p.pos = end
	p.skipSpace()
	return true
}

// atOperator reports whether AND or OR is at the cursor, without skipping
// it.
func (p *parser) atOperator() bool {
	at := p.pos
	ok := p.keyword("AND") || p.keyword("OR")
	p.pos = at
	return ok
}

func (p *parser) or(depth int) (node, error) {
	first, err := p.and(depth)
	if err != nil {
		return nil, err
	}
	kids := []node{first}
	for !p.eof() {
		at := p.pos
		if !p.keyword("OR") {
			break
		}
		if p.eof() || p.peek() == ')' || p.atOperator() {
			return nil, p.errf(at, "OR needs something on its right")
		}
		n, err := p.and(depth)
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	if len(kids) == 1 {
		return first, nil
	}
	return orNode{kids}, nil
}

func (p *parser) and(depth int) (node, error) {
	var kids []node
	for !p.eof() && p.peek() != ')' {
		at := p.pos
		if p.keyword("OR") {
			p.pos = at
			if len(kids) == 0 {
				return nil, p.errf(at, "OR needs something on its left")
			}
			break
		}
		if p.keyword("AND") {
			if len(kids) == 0 {
				return nil, p.errf(at, "AND needs something on its left")
			}
			if p.eof() || p.peek() == ')' || p.atOperator() {
				return nil, p.errf(at, "AND needs something on its right")
			}
		}
		n, err := p.unary(depth)
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	switch len(kids) {
	case 0:
		if p.eof() {
			return nil, p.errf(p.pos, "the query ended where a word was expected")
		}
		return nil, p.errf(p.pos, `expected a word before ")"`)
	case 1:
		return kids[0], nil
	}
	return andNode{kids}, nil
}

func (p *parser) unary(depth int) (node, error) {
	if depth > maxDepth {
		return nil, p.errf(p.pos, "the query nests deeper than %d", maxDepth)
	}
	at := p.pos
	neg := p.keyword("NOT")
	if !neg && p.peek() == '-' && p.pos+1 < len(p.src) && !unicode.IsSpace(p.src[p.pos+1]) {
		p.pos++
		neg = true
	}
	if neg {
		if p.eof() || p.peek() == ')' || p.atOperator() {
			return nil, p.errf(at, "NOT needs something to negate")
		}
		n, err := p.unary(depth + 1)
		if err != nil {
			return nil, err
		}
		return notNode{n}, nil
	}
	return p.primary(depth)
}

func (p *parser) primary(depth int) (node, error) {
	at := p.pos
	switch r := p.peek(); {
	case r == '(':
		p.pos++
		p.skipSpace()
		if p.eof() {
			return nil, p.errf(at, `"(" is never closed`)
		}
		n, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.eof() {
			return nil, p.errf(at, `"(" is never closed`)
		}
		p.pos++ // ')'
		p.skipSpace()
		return n, nil
	case isQuote(r):
		text, err := p.phrase()
		if err != nil {
			return nil, err
		}
		return textNode{text: text, phrase: true}, nil
	}
	w := p.word()
	if i := strings.IndexByte(w, ':'); i > 0 && isFieldName(w[:i]) {
		return p.field(at, strings.ToLower(w[:i]), w[i+1:], depth)
	}
	p.skipSpace()
	return textNode{text: w}, nil
}

// field reads the value of name: whose word (up to the first space) is
// rest; at is where the field name starts. The value is a word, a phrase,
// or a group, "title:(ferry OR bus)", whose every word and phrase is read
// as that field's.
func (p *parser) field(at int, name, rest string, depth int) (node, error) {
	valueAt := at + utf8.RuneCountInString(name) + 1
	if rest == "" && !p.eof() && p.peek() == '(' {
		group, err := p.primary(depth + 1)
		if err != nil {
			return nil, err
		}
		return p.scope(group, name, valueAt)
	}
	if rest == "" && !p.eof() && isQuote(p.peek()) {
		if _, ok := dateFields[name]; ok {
			return nil, p.errf(valueAt, "%s: takes a date range such as %s:>=2024-01-01, not a phrase", name, name)
		}
		text, err := p.phrase()
		if err != nil {
			return nil, err
		}
		return p.value(valueAt, name, text, true)
	}
	p.skipSpace()
	if rest == "" {
		return nil, p.errf(valueAt, `%s: needs a value (a word or a "phrase")`, name)
	}
	return p.value(valueAt, name, rest, false)
}

// value is the condition that field name holds text (a word, or a phrase
// of a text or keyword field).
func (p *parser) value(at int, name, text string, phrase bool) (node, error) {
	if f, ok := textFields[name]; ok {
		return textNode{field: f, text: text, phrase: phrase}, nil
	}
	if f, ok := keywordFields[name]; ok {
		return termNode{field: f, value: strings.ToLower(text)}, nil
	}
	from, to, err := parseRange(text)
	if err != nil {
		return nil, p.errf(at, "%s: %v", name, err)
	}
	return rangeNode{field: dateFields[name], from: from, to: to}, nil
}

// scope reads every bare word and phrase of a group as field name's; a
// group that names a field of its own inside is refused, since which of
// the two applies would be a guess.
func (p *parser) scope(n node, name string, at int) (node, error) {
	var err error
	each := func(kids []node) []node {
		out := make([]node, len(kids))
		for i, k := range kids {
			if err == nil {
				out[i], err = p.scope(k, name, at)
			}
		}
		return out
	}
	switch n := n.(type) {
	case orNode:
		n.kids = each(n.kids)
		return n, err
	case andNode:
		n.kids = each(n.kids)
		return n, err
	case notNode:
		kid, err := p.scope(n.kid, name, at)
		return notNode{kid}, err
	case textNode:
		if n.field == "" {
			if n.phrase {
				if _, ok := dateFields[name]; ok {
					return nil, p.errf(at, "%s: takes a date range such as %s:>=2024-01-01, not a phrase", name, name)
				}
			}
			return p.value(at, name, n.text, n.phrase)
		}
	}
	return nil, p.errf(at, "%s:( … ) holds a field of its own; write the fields side by side instead", name)
}

// isFieldName reports whether s names a field. A word whose part before
// ":" is letters but names no field is an error rather than a silent word,
// so that a misspelt field is caught; anything else with a colon (a time,
// a URL) stays a word.
func isFieldName(s string) bool {
	l := strings.ToLower(s)
	_, t := textFields[l]
	_, k := keywordFields[l]
	_, d := dateFields[l]
	return t || k || d
}

// word reads up to the next space, parenthesis or quote.
func (p *parser) word() string {
	start := p.pos
	for !p.eof() {
		r := p.peek()
		if unicode.IsSpace(r) || r == '(' || r == ')' || isQuote(r) {
			break
		}
		p.pos++
	}
	return string(p.src[start:p.pos])
}

// phrase reads a quoted phrase at the cursor.
func (p *parser) phrase() (string, error) {
	at := p.pos
	closing := closeQuote(p.peek())
	p.pos++
	start := p.pos
	for !p.eof() && p.peek() != closing {
		p.pos++
	}
	if p.eof() {
		return "", p.errf(at, "the phrase is never closed (a %q is missing)", string(closing))
	}
	text := string(p.src[start:p.pos])
	p.pos++
	p.skipSpace()
	if strings.TrimSpace(text) == "" {
		return "", p.errf(at, "the phrase is empty")
	}
	return text, nil
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '「' }

func closeQuote(r rune) rune {
	switch r {
	case '“':
		return '”'
	case '「':
		return '」'
	}
	return '"'
}
