package search

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, query string
		col         int
		msg         string // a part of the message
	}{
		{"empty", "   ", 1, "empty"},
		{"unclosed paren", "(ferry OR bridge", 1, `"(" is never closed`},
		{"stray close paren", "ferry)", 6, `")" without a matching "("`},
		{"unclosed phrase", `ferry "pay talks`, 7, "never closed"},
		{"unclosed Chinese quotes", `“检测实验室`, 1, "never closed"},
		{"empty phrase", `""`, 1, "phrase is empty"},
		{"OR at start", "OR ferry", 1, "OR needs something on its left"},
		{"OR at end", "ferry OR", 7, "OR needs something on its right"},
		{"AND at end", "ferry AND", 7, "AND needs something on its right"},
		{"AND OR", "ferry AND OR bridge", 7, "AND needs something on its right"},
		{"NOT at end", "ferry NOT", 7, "NOT needs something to negate"},
		{"field without value", "title: ferry", 7, "title: needs a value"},
		{"bad date", "published:>=2024-13-01", 11, `"2024-13-01" is not a date`},
		{"date range backwards", "published:2025..2024", 11, "ends before it starts"},
		{"empty range", "fetched:..", 9, "needs a date"},
		{"phrase on a date field", `published:"2024"`, 11, "takes a date range"},
		{"empty parens", "ferry ()", 8, `expected a word before ")"`},
		{"only stop words", "the", 1, "nothing to look for"},
		{"field inside a field's group", "title:(ferry author:okafor)", 7, "holds a field of its own"},
		{"phrase in a date group", `published:(2024 OR "2025")`, 11, "takes a date range"},
		{"bad date in a group", "published:(2024 OR 2025-13)", 11, `"2025-13" is not a date`},
		{"unclosed group", "title:(ferry OR bus", 7, `"(" is never closed`},
	}
	st := newStore(t)
	put(t, st, corpus[2], t0)
	put(t, st, corpus[0], t0)
	ix := openIndex(t, st)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ix.Search(t.Context(), Request{Query: c.query})
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("%q: err %v, want a QueryError", c.query, err)
			}
			if qe.Col != c.col || !strings.Contains(qe.Msg, c.msg) {
				t.Errorf("%q: %v; want column %d and %q", c.query, err, c.col, c.msg)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("%q: the error is more than one line: %q", c.query, err)
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	for _, q := range []string{
		"ferry", "12:30", "http://example.com/a", "a AND b OR c", "NOT NOT a", "-a b", "a - b",
		"title:(ferry)", "and or not", `author:"Maria Okafor"`, "site:Example.COM", "published:2024-03-01T10:00:00Z",
		"fetched:..2024", "fetched:2024..", "published:=2024-03", "「檢測設備」", "(a (b (c)))",
	} {
		if _, err := parse(q); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
}

// TestParseFieldGroup: a field's group reads as the field written on each
// of its words and phrases.
func TestParseFieldGroup(t *testing.T) {
	cases := []struct{ name, group, spelt string }{
		{"or of words", "title:(ferry OR bus)", "title:ferry OR title:bus"},
		{"and, not, phrase", `author:(okafor -"jane doe")`, `author:okafor NOT author:"jane doe"`},
		{"nested", "title:(a (b OR c))", "title:a (title:b OR title:c)"},
		{"keyword field", "site:(Example.com OR example.org)", "site:example.com OR site:example.org"},
		{"date field", "published:(2024 OR >=2026)", "published:2024 OR published:>=2026"},
		{"Chinese", "title:(半導體 OR 晶片)", "title:半導體 OR title:晶片"},
		{"beside other terms", "lang:zh title:(检测 实验室) -bus", "lang:zh (title:检测 title:实验室) -bus"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := parse(c.group)
			if err != nil {
				t.Fatalf("%q: %v", c.group, err)
			}
			want, err := parse(c.spelt)
			if err != nil {
				t.Fatalf("%q: %v", c.spelt, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q parses as %#v\nwant %#v, as %q", c.group, got, want, c.spelt)
			}
		})
	}
	deep := strings.Repeat("title:(", maxDepth+2) + "a" + strings.Repeat(")", maxDepth+2)
	if _, err := parse(deep); err == nil || !strings.Contains(err.Error(), "nests deeper") {
		t.Errorf("groups in groups past the bound: %v", err)
	}
}

// FuzzParse: any input parses or gives a one-line QueryError inside the
// input; whatever parses compiles without a panic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`"检测实验室" AND title:半導體`, `(a OR b) NOT c`, `published:>=2024-01-01 fetched:2024..2025`,
		`author:"x y" -z`, `((((`, `"`, `“”`, `site:`, `a AND`, `NOT`, "\xff", `title:"a" OR lang:zh-tw`} {
		f.Add(s)
	}
	c := &compiler{im: newMapping(), analyzers: []string{"en", "cjk", "standard"}}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := parse(q)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("%q: %T %v", q, err, err)
			}
			if qe.Col < 1 || qe.Col > utf8.RuneCountInString(q)+1 {
				t.Fatalf("%q: column %d outside the query", q, qe.Col)
			}
			if strings.ContainsAny(err.Error(), "\n\r") && !strings.ContainsAny(q, "\n\r") {
				t.Fatalf("%q: multi-line error %q", q, err)
			}
			return
		}
		if _, err := c.compile(n); err != nil {
			t.Fatalf("%q: compile: %v", q, err)
		}
	})
}

// TestCompilePrunes: a clause whose terms the field's dictionary lacks is
// left out, so an English phrase is not also a bigram conjunction in the
// Chinese fields (which would make the search check candidates on the
// text), and a word found nowhere matches nothing rather than being
// dropped.
func TestCompilePrunes(t *testing.T) {
	dict := map[string]bool{"text_en:pai": true, "text_en:talk": true, fieldName(fText, zhAnalyzer) + ":检测": true}
	c := &compiler{im: newMapping(), analyzers: []string{"en", zhAnalyzer},
		has: func(field, term string) bool { return dict[field+":"+term] }}
	for _, tc := range []struct {
		name, query string
		want        string // in the compiled query's JSON
		fields      int    // how many fields it looks in
	}{
		{"English phrase", `"pay talks"`, `"match_phrase":"pay talks"`, 1},
		{"Chinese word", `"检测"`, `"term":"检测"`, 1},
		{"word found nowhere", `zebra`, `"match_none"`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.cjkPhrases = false
			n, err := parse(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			q, err := c.compile(n)
			if err != nil || q == nil {
				t.Fatalf("%v %v", q, err)
			}
			js, _ := json.Marshal(q)
			if c.cjkPhrases || !strings.Contains(string(js), tc.want) || strings.Count(string(js), `"field":`) != tc.fields {
				t.Errorf("cjk %v, %s", c.cjkPhrases, js)
			}
		})
	}
}
