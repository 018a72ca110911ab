package meta

import (
	"testing"

	"newsarchive/extract/internal/boilerplate"
	"newsarchive/extract/internal/date"
)

// TestHintPrefiltersSound: the cheap word and character tests that guard
// the Chinese credit patterns and the date finder pass every line those
// match.
func TestHintPrefiltersSound(t *testing.T) {
	lines := []string{
		"本报记者 王若溪", "（通訊員 周明遠）", "实习生 许青禾 记者 林晓舟", "推动发展。（记者 林晓舟）",
		"作者：周明远", "来源：湖畔日报 点击量：123", "发布时间：2024-09-05 08:56", "3月4日 08:56",
		"Posted 6 hours ago", "March 4, 2021", "4 March 2021", "Sept. 5, 2021", "2021-03-04T08:56:00Z",
		"Posted 9/5/24", "31.05.19 10:30", "am 3. März 2020", "3 de marzo de 2020", "3 марта 2020",
	}
	for _, r := range boilerplate.Rows {
		lines = append(lines, r.Example)
	}
	for _, l := range lines {
		checkHints(t, l)
	}
}

func checkHints(t *testing.T, l string) {
	t.Helper()
	if zhReporterRe.MatchString(l) && !zhHasReporterWord(l) {
		t.Errorf("zhHasReporterWord rejects %q, which zhReporterRe matches", l)
	}
	if zhTrailParenRe.MatchString(l) && !endsParen(l) {
		t.Errorf("endsParen rejects %q, which zhTrailParenRe matches", l)
	}
	if len(zhLabelMatches(l)) > 0 && !hasHanLabelHint(l) {
		t.Errorf("hasHanLabelHint rejects %q, which holds a label", l)
	}
	for _, year := range []int{0, 2021} {
		if _, _, ok := date.Find(l, date.Context{Year: year}); ok && !mMayHoldDate(l, year > 0) {
			t.Errorf("mMayHoldDate(%q, %v) rejects a line date.Find reads", l, year > 0)
		}
	}
}

// FuzzHintPrefiltersSound is TestHintPrefiltersSound on any line.
func FuzzHintPrefiltersSound(f *testing.F) {
	for _, r := range boilerplate.Rows {
		f.Add(r.Example)
	}
	f.Fuzz(checkHints)
}
