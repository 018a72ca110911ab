package body

import (
	"maps"
	"strings"
	"testing"
)

// addRef is hiddenRules.add as it was written first, brace by brace with
// strings.IndexAny, and cssRulesRef its rule splitter: the braces scanner
// must give the same rules.
func addRef(h *hiddenRules, css string) {
	depth := 0
	start := 0
	for i := 0; i < len(css); i++ {
		if c := css[i]; c != '{' && c != '}' {
			j := strings.IndexAny(css[i:], "{}")
			if j < 0 {
				break
			}
			i += j
		}
		switch css[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				depth = 0
			}
		}
		if depth >= 2 || depth == 1 && css[i] == '{' && strings.Contains(css[start:i], "@") {
			j, d := i+1, depth
			for ; j < len(css) && d > 0; j++ {
				switch css[j] {
				case '{':
					d++
				case '}':
					d--
				}
			}
			i, depth, start = j-1, 0, j
			continue
		}
		if depth == 0 && css[i] == '}' {
			for _, m := range cssRulesRef(css[start : i+1]) {
				h.addRules(m[0] + "{" + m[1] + "}")
			}
			start = i + 1
		}
	}
}

func cssRulesRef(s string) [][2]string {
	var out [][2]string
	i := 0
	for i < len(s) {
		j := strings.IndexAny(s[i:], "{}")
		if j < 0 {
			break
		}
		j += i
		if s[j] == '}' {
			i = j + 1
			continue
		}
		k := strings.IndexAny(s[j+1:], "{}")
		if k < 0 {
			break
		}
		k += j + 1
		if s[k] == '{' {
			i = j + 1
			continue
		}
		out = append(out, [2]string{s[i:j], s[j+1 : k]})
		i = k + 1
	}
	return out
}

var braceSheets = []string{
	"", "{", "}", "}}{{", ".a{display:none}", ".a{display:none", "@media x{.a{display:none}} .b{display:none}",
	"@media x{@supports y{.a{display:none}}} #b{visibility:hidden}", ".a{}.b{display:none}}.c{display:none}",
	".a{display:none}{.b{display:none}}", "x{y{z}}}.c{display:none}", "@font-face{src:x}.d{display:none}",
	"#title_desc, .share-copy { display : none; } .js .tab{display:none}",
}

func sameRules(t *testing.T, css string) {
	t.Helper()
	var got, want hiddenRules
	got.add(css)
	addRef(&want, css)
	if !maps.Equal(got.ids, want.ids) || !maps.Equal(got.classes, want.classes) {
		t.Errorf("add(%q) = %v %v, want %v %v", css, got.ids, got.classes, want.ids, want.classes)
	}
	if g, w := cssRules(css), cssRulesRef(css); len(g) != len(w) {
		t.Errorf("cssRules(%q) = %q, want %q", css, g, w)
	} else {
		for i := range g {
			if g[i] != w[i] {
				t.Errorf("cssRules(%q) = %q, want %q", css, g, w)
				break
			}
		}
	}
}

func TestBracesMatchIndexAny(t *testing.T) {
	for _, css := range braceSheets {
		sameRules(t, css)
	}
}

// FuzzBraces: the braces scanner reads any sheet as IndexAny did.
func FuzzBraces(f *testing.F) {
	for _, css := range braceSheets {
		f.Add(css)
	}
	f.Fuzz(sameRules)
}
