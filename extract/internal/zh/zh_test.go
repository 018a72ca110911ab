package zh

import (
	"reflect"
	"regexp"
	"testing"
)

func TestBoth(t *testing.T) {
	tests := []struct {
		name  string
		words []string
		want  []string
	}{
		{"same in both scripts", []string{"作者"}, []string{"作者"}},
		{"one traditional form", []string{"记者"}, []string{"记者", "記者"}},
		{"two traditional forms of one character", []string{"发布"}, []string{"发布", "发佈", "發布", "發佈"}},
		{"no repeats", []string{"来源", "来源"}, []string{"来源", "來源"}},
		{"publisher suffix", []string{"杂志"}, []string{"杂志", "杂誌", "雜志", "雜誌"}},
		{"credit tail", []string{"发自"}, []string{"发自", "發自"}},
		{"running-text verb", []string{"介绍"}, []string{"介绍", "介紹"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Both(tc.words...); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Both(%q) = %q, want %q", tc.words, got, tc.want)
			}
		})
	}
}

// TestLabelsHoldTraditional: the traditional spellings that used to be
// written out by hand are all derived, with the same role.
func TestLabelsHoldTraditional(t *testing.T) {
	want := map[string]Role{
		"發文機關": Author, "執筆人": Author, "記者": Reporter, "通訊員": Reporter, "實習生": Reporter,
		"編輯": Editor, "責任編輯": Editor, "責編": Editor, "來源": Source, "文章來源": Source,
		"新聞來源": Source, "出處": Source, "來自": Source, "發佈時間": Date, "發布時間": Date,
		"發表時間": Date, "發佈日期": Date, "更新時間": Date, "時間": Date, "發佈於": Date, "發表於": Date,
		"點擊量": Views, "閱讀數": Views, "瀏覽次數": Views, "訪問量": Views, "人氣": Views,
		"攝影": Other, "審核": Other, "校對": Other, "監製": Other, "字體": Other, "關鍵詞": Other, "發佈人": Other,
		"作者": Author, "来源": Source, "责任编辑": Editor,
	}
	for w, r := range want {
		if got, ok := Labels[w]; !ok || got != r {
			t.Errorf("Labels[%q] = %v, %v; want %v", w, got, ok, r)
		}
	}
}

// TestTraditionalTable: every entry differs from its key, and every
// character the label table uses that has an entry is covered.
func TestTraditionalTable(t *testing.T) {
	for s, ts := range traditional {
		for _, r := range ts {
			if r == s && len([]rune(ts)) == 1 {
				t.Errorf("traditional[%q] = %q: the same character", s, ts)
			}
		}
	}
	for _, l := range labels {
		for _, w := range l.words {
			for _, v := range spellings(w)[1:] {
				if Labels[v] != l.role {
					t.Errorf("%q (from %q) has role %v, want %v", v, w, Labels[v], l.role)
				}
			}
		}
	}
}

func TestAlt(t *testing.T) {
	re := regexp.MustCompile(`^(?:` + Alt("编辑", "责任编辑") + `)`)
	tests := []struct{ in, want string }{
		{"责任编辑：林晓舟", "责任编辑"},
		{"責任編輯：林曉舟", "責任編輯"},
		{"编辑：许青禾", "编辑"},
		{"作者：周明远", ""},
	}
	for _, tc := range tests {
		if got := re.FindString(tc.in); got != tc.want {
			t.Errorf("match in %q = %q, want %q", tc.in, got, tc.want)
		}
	}
}
