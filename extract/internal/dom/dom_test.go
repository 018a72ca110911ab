package dom

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func parse(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<html><body>" + s + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	// html > body
	return doc.FirstChild.LastChild
}

func TestCollapse(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"ascii runs", "  a \t\n b  ", "a b"},
		{"no-break and ideographic", "a\u00a0\u00a0b\u3000c", "a b c"},
		{"zero-width and BOM", "\ufeffa\u200bb", "a b"},
		{"narrow no-break", "10\u202fkm", "10 km"},
		{"invalid byte kept as U+FFFD", "a\xffb", "a\ufffdb"},
		{"han untouched", " 湖畔 日报 ", "湖畔 日报"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Collapse(tc.in); got != tc.want {
				t.Errorf("Collapse(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	const page = `<div><span>Mar 4, 2021</span><span>Jane Roe</span><script>var x</script><p>One.</p>two<br>three<template>t</template></div>`
	tests := []struct {
		name string
		o    Options
		want string
		ok   bool
	}{
		{"everything as written", Options{}, "Mar 4, 2021Jane Roevar xOne.twothreet", true},
		{"code skipped", Options{Skip: SkipCode}, "Mar 4, 2021Jane RoeOne.twothree", true},
		{"element gaps", Options{Skip: SkipCode, Gap: ElementGaps}, "  Mar 4, 2021  Jane Roe  One. two  three ", true},
		{"block gaps", Options{Skip: SkipCode, Gap: BlockGaps}, " Mar 4, 2021Jane Roe One. two three ", true},
		{"first text", Options{Skip: SkipCode, First: true}, "Mar 4, 2021", true},
		{"within limit", Options{Skip: SkipCode, MaxRunes: 40, MaxBytes: 40}, "Mar 4, 2021Jane RoeOne.twothree", true},
		{"over limit", Options{Skip: SkipCode, MaxRunes: 10, MaxBytes: 100}, "", false},
	}
	root := parse(t, page)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Text(root, tc.o)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Text = %q, %v; want %q, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestBlockText(t *testing.T) {
	root := parse(t, `<div><h2>Harbour</h2><p>Ferries <b>resume</b> today.</p><script>x()</script></div>`)
	if got, want := BlockText(root), "Harbour Ferries resume today."; got != want {
		t.Errorf("BlockText = %q, want %q", got, want)
	}
	if got, ok := BlockTextMax(root, 5, 100); ok || got != "" {
		t.Errorf("BlockTextMax over the limit = %q, %v", got, ok)
	}
	script := root.FirstChild.LastChild
	if got := BlockText(script); got != "" {
		t.Errorf("BlockText(script) = %q", got)
	}
}

func TestIsBlock(t *testing.T) {
	root := parse(t, `<p>a</p><span>b</span><story-body><p>c</p></story-body><x-tag>d</x-tag>`)
	want := []bool{true, false, true, false}
	i := 0
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if got := IsBlock(c); got != want[i] {
			t.Errorf("IsBlock(<%s>) = %v, want %v", c.Data, got, want[i])
		}
		i++
	}
}
