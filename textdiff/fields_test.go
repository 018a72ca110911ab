package textdiff

import (
	"strings"
	"testing"

	"newsarchive/article"
)

func TestWords(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want int
	}{
		{"english", "The mayor, 54, resigned.", 4},
		{"chinese by character", "公司今日发布", 6},
		{"mixed", "GC-MS 仪器 2024年", 6},
		{"punctuation and space only", " , . — ", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Words(c.in); got != c.want {
				t.Fatalf("Words(%q) = %d, want %d", c.in, got, c.want)
			}
		})
	}
}

func TestFieldsUnified(t *testing.T) {
	a := &article.Article{Title: "Plant opens", Authors: []string{"A"}, Text: "It opens on Monday."}
	b := &article.Article{Title: "Plant opens", Authors: []string{"A", "B"}, Text: "It opens on Tuesday."}
	fs := Fields(a, b)
	var changed []string
	for _, f := range fs {
		if f.Changed {
			changed = append(changed, f.Name)
		}
	}
	if strings.Join(changed, ",") != "authors,text" {
		t.Fatalf("changed %v", changed)
	}
	want := "title: Plant opens\nauthors: A{+, B+}\ntext: (1 words/characters deleted, 1 inserted)\nIt opens on [-Monday-]{+Tuesday+}.\n"
	if got := Unified(fs, 60); got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	if got := Unified(Fields(a, a), 60); !strings.Contains(got, "no difference") {
		t.Fatalf("same versions: %q", got)
	}
	if first := Fields(nil, b); !first[0].Changed || first[4].Inserted == 0 {
		t.Fatalf("first version: %+v", first)
	}
}
