package body

import (
	"testing"

	"newsarchive/extract/internal/render"
)

// pruneLinesText prunes the lines of a body box holding page and returns
// the text left, with each line's text kept from its first reading or
// read afresh each time (keep).
func pruneLinesText(t *testing.T, page, title string, keep bool) string {
	t.Helper()
	box := parseBox(t, page)
	keepLineTexts = keep
	defer func() { keepLineTexts = true }()
	pruneBoilerplate(box, NewScorer(box), title)
	return render.BodyText(box)
}

// checkLineTexts: keeping the lines' texts changes nothing the rules do.
func checkLineTexts(t *testing.T, page, title string) {
	t.Helper()
	if got, want := pruneLinesText(t, page, title, true), pruneLinesText(t, page, title, false); got != want {
		t.Errorf("on %q the kept line texts give %q, texts read afresh %q", page, got, want)
	}
}

var lineTextPages = []struct{ name, page string }{
	{"byline and stamp at the edges", `<p>By Jane Roe</p><p>Updated 5 May 2024</p><p>The pier reopened on Monday after a year of repairs, and the first ferries left at dawn.</p><p>Photo: John Doe</p><p>© 2024 The Lakeside Courier</p>`},
	{"related block removed with its lines", `<p>The pier reopened on Monday, the board said, and crews went home.</p><div><h3>Related</h3><p>Another story</p><p>A third story</p></div><p>Read more: the ferry times</p>`},
	{"signed letter", `<p>我们感谢大家的支持。</p><p>湖畔码头管理处</p><p>2024年5月5日</p>`},
	{"title repeated", `<h2>The pier reopens</h2><p>Text of the story, long enough, with a comma, and a stop.</p>`},
	{"empty lines and pictures", `<p> </p><p><img src=a.jpg></p><div><span>Share</span></div>`},
}

func TestLineTextsKept(t *testing.T) {
	for _, tt := range lineTextPages {
		t.Run(tt.name, func(t *testing.T) { checkLineTexts(t, tt.page, "The pier reopens") })
	}
}

// FuzzLineTexts: on any page and title the kept texts agree with fresh
// readings.
func FuzzLineTexts(f *testing.F) {
	for i, tt := range lineTextPages {
		f.Add(tt.page, []string{"The pier reopens", ""}[i%2])
	}
	f.Fuzz(checkLineTexts)
}
