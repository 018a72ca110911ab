package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/store"
)

func TestTermText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "Plant opens", "Plant opens"},
		{"chinese", "仪器展会开幕", "仪器展会开幕"},
		{"tab and newline kept", "a\tb\nc", "a\tb\nc"},
		{"colour", "Plant \x1b[1;31mopens\x1b[0m", "Plant opens"},
		{"clear screen and home", "\x1b[2J\x1b[Htitle", "title"},
		{"window title, BEL", "a\x1b]0;pwned\x07b", "ab"},
		{"hyperlink, ST", "a\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\b", "alinkb"},
		{"unterminated OSC", "a\x1b]0;pwned", "a"},
		{"OSC cut by another escape", "a\x1b]0;x\x1b[31mb", "ab"},
		{"DCS", "a\x1bPq#0;1;2\x1b\\b", "ab"},
		{"two-byte escape", "a\x1bcb\x1b(Bc", "abc"},
		{"8-bit CSI", "a\u009b31mb", "ab"},
		{"8-bit OSC to ST", "a\u009d0;x\u009cb", "ab"},
		{"other C1", "a\u0085b\u008ec", "abc"},
		{"C0 and DEL", "a\rb\bc\x00d\x7fe\x07", "abcde"},
		{"invalid UTF-8", "a\x9b31mb\xff", "a\ufffd31mb\ufffd"},
		{"trailing ESC", "a\x1b", "a"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := termText(c.in); got != c.want {
				t.Errorf("termText(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func FuzzTermText(f *testing.F) {
	f.Add("Plant \x1b[1;31mopens\x1b]0;x\x07\u009b2J")
	f.Fuzz(func(t *testing.T, s string) {
		out := termText(s)
		for _, r := range out {
			if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f {
				t.Fatalf("termText(%q) = %q keeps %U", s, out, r)
			}
		}
		if termText(out) != out {
			t.Fatalf("termText is not idempotent on %q", s)
		}
	})
}

// TestTerminalOutputIsSafe: titles, keys, job names and errors carrying
// terminal escapes are printed without them by the text commands, while
// export and show keep them exactly.
func TestTerminalOutputIsSafe(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "evil\x1b[31m.db")
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("store: {lock_timeout: 300ms}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const (
		key   = "https://www.example.com/news/evil.html?q=\u009b2J"
		title = "Plant \x1b[1;31mopens\x1b[0m\x1b]0;pwned\x07"
	)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	snaps := []store.Snapshot{
		{Key: key, URL: key, Status: 200, FetchedAt: archT0, Raw: []byte("<html>v1</html>"),
			Article: &article.Article{URL: key, Title: title, Text: "First \x1b[2Jtext."}},
		{Key: key, URL: key, Status: 200, FetchedAt: archT0.Add(time.Hour), Raw: []byte("<html>v2</html>"),
			Article: &article.Article{URL: key, Title: title, Text: "Second \x1b]8;;http://evil.example/\x07text."}},
	}
	if _, err := st.PutMany(context.Background(), snaps); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddRun(store.Run{Job: "news\x1b[2J", Started: archT0, Ended: archT0.Add(time.Minute), Error: "boom \x1b]0;pwned\x07"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	for _, args := range [][]string{{"list"}, {"history", key}, {"diff", key}, {"runs"}, {"stats"}} {
		t.Run(args[0], func(t *testing.T) {
			out, errOut, code := archCLI(t, cfg, append([]string{"--db", db}, args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if i := strings.IndexFunc(out, func(r rune) bool {
				return r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f
			}); i >= 0 {
				t.Fatalf("control character in the output at %d: %q", i, out)
			}
			if len(out) < 20 {
				t.Fatalf("output too short: %q", out)
			}
		})
	}
	t.Run("export stays exact", func(t *testing.T) {
		out, _, _ := archCLI(t, cfg, "--db", db, "export", "--format", "jsonl")
		var a article.Article
		if err := json.Unmarshal([]byte(out), &a); err != nil || a.Title != title || !strings.Contains(a.Text, "\x1b]8;;") {
			t.Fatalf("export changed the title: %q %v", a.Title, err)
		}
	})
}
