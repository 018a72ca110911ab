package meta

import (
	"reflect"
	"testing"
)

func TestCleanAuthors(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"by prefix", "By Jane Roe", []string{"Jane Roe"}},
		{"a post's date mark is no name", "发表于 2024-3-11 21:07:45", nil},
		{"a thread's floor mark is no name", "楼主", nil},
		{"an unknown writer is no name", "未知", nil},
		{"where a post was posted from is no name", "发表于浙江", nil},
		{"the web as a writer is no name", "网络", nil},
		{"a compilation is no name", "综合整理", nil},
		{"a name beginning like a mark stays", "发哥", []string{"发哥"}},
		{"german von", "Von Erika Muster", []string{"Erika Muster"}},
		{"german von lower case, two names", "von Erika Muster und Max Mann", []string{"Erika Muster", "Max Mann"}},
		{"french par", "par Jean Dupont", []string{"Jean Dupont"}},
		{"spanish por", "Por Ana Ruiz", []string{"Ana Ruiz"}},
		{"dutch door", "door Jan Jansen", []string{"Jan Jansen"}},
		{"particle of a surname stays", "von der Leyen", []string{"von der Leyen"}},
		{"german am before the date", "Von Erika Muster am 3. Mai 2021", []string{"Erika Muster"}},
		{"english on before the date", "Jane Roe on May 3, 2021", []string{"Jane Roe"}},
		{"analysis by", "Analysis by Jane Roe", []string{"Jane Roe"}},
		{"this post was written by", "This post was written by Jane Roe", []string{"Jane Roe"}},
		{"cyrillic text label", "Текст: Анна Петрова", []string{"Анна Петрова"}},
		{"two with and", "By Jane Roe and John Doe", []string{"Jane Roe", "John Doe"}},
		{"list with oxford comma", "Jane Roe, John Doe, and Ann Lee", []string{"Jane Roe", "John Doe", "Ann Lee"}},
		{"ampersand", "Jane Roe & John Doe", []string{"Jane Roe", "John Doe"}},
		// What describes the name is no second author.
		{"credentials after name", "Jane Roe, MD, FACP", []string{"Jane Roe"}},
		{"job title after name", "Jane Roe, Senior Analyst, Example Corp", []string{"Jane Roe"}},
		{"head of after name", "Jane Roe, Head of Growth, Example Corp", []string{"Jane Roe"}},
		{"co-authors with credentials", "Jane Roe, MD, and John Doe, PhD", []string{"Jane Roe", "John Doe"}},
		{"chinese enumeration comma", "张三、李四", []string{"张三", "李四"}},
		{"date after name", "By Jane Roe September 5, 2024", []string{"Jane Roe"}},
		{"weekday and date after name", "By Jane Roe Monday, November 18, 2019", []string{"Jane Roe"}},
		{"weekday after two names", "Jane Roe, John Doe Tue, Nov 19, 2019", []string{"Jane Roe", "John Doe"}},
		// A surname that begins like a weekday stays.
		{"surname like a weekday", "By Ann Sunday September 5, 2024", []string{"Ann Sunday"}},
		{"date before name", "Dec. 19, 2025 · Jane Roe", []string{"Jane Roe"}},
		{"pipe and read time", "Jane Roe | 5 min read", []string{"Jane Roe"}},
		// Meta rows set their parts apart with dots of many kinds.
		{"black circle separator", "by Jane Roe ● March 5, 2024 ● 6 min read", []string{"Jane Roe"}},
		{"dot operator separator", "Jane Roe ⋅ Garden Editor ⋅", []string{"Jane Roe"}},
		// What is left of "Sat, 20 Dec, 2025" once the date is cut.
		{"weekday alone", "Sat, 20 Dec, 2025 - 06:36", nil},
		// A weekday or "at" before the date still ends the name.
		{"posted on weekday", "Posted by Jane Roe on Tuesday, March 5, 2024", []string{"Jane Roe"}},
		{"posted at date", "Posted by Jane Roe at March 5, 2024 10:15 AM", []string{"Jane Roe"}},
		{"organisation is an author", "Ministry of Examples", []string{"Ministry of Examples"}},
		{"organisation with and", "Office of Research and Development", []string{"Office of Research and Development"}},
		{"bare by", "By", nil},
		// The site makers' credits, not the article's author.
		{"credit list", "content: Example Media, design: Jane Roe, code: John Doe", nil},
		{"staff", "Staff", nil},
		{"email the author", "Email the author", nil},
		{"updated line", "Updated 2 hours ago", nil},
		{"a date", "September 5, 2024", nil},
		{"a month and day", "Dec. 19", nil},
		{"url", "https://example.com/authors/jane", nil},
		{"social", "facebook", nil},
		{"template key", "page.head.extra.author", nil},
		{"markup debris", `size="20"`, nil},
		{"photo credit", "Courtesy of the museum", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := cleanAuthors(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("cleanAuthors(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// A list whose labels credit the writing is a byline, not site credits.
func TestCleanAuthorsKeepsLabelledByline(t *testing.T) {
	if got := cleanAuthors("words: Jane Roe, photos: John Doe"); len(got) == 0 {
		t.Errorf("cleanAuthors dropped a labelled byline")
	}
}

func TestAuthorsFromValuesSkipsProfileURLs(t *testing.T) {
	got := authorsFromValues([]string{"https://www.facebook.com/jane.roe", "Jane Roe"})
	if want := []string{"Jane Roe"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestHanName(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"王若溪", true}, {"欧阳修", true}, {"張明遠", true}, {"注意到", false},
		{"首先感谢你抽空", false}, {"王", false}, {"John", false},
		{"溫曉嵐", true}, {"賴明德", true}, {"赖明德", true}, {"龍嘉怡", true}, {"關子謙", true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := hanName(tc.in); got != tc.want {
				t.Errorf("hanName(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestMFixText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"double-escaped entity", "Python, SQL &#x26; AI", "Python, SQL & AI"},
		{"utf-8 read as latin-1", "Investor\u00e2\u0080\u0099s Guide", "Investor\u2019s Guide"},
		{"real latin-1 text kept", "Café in São Paulo", "Café in São Paulo"},
		{"chinese kept", "化工園區", "化工園區"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := mFixText(tc.in); got != tc.want {
				t.Errorf("mFixText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestAuthorsFromValuesLastFirst(t *testing.T) {
	got := authorsFromValues([]string{"Roe, Jane", "Doe, John A."})
	if want := []string{"Jane Roe", "John A. Doe"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
