package extract

import (
	"reflect"
	"testing"

	"newsarchive/extract/internal/render"
)

func TestRepeatedLeadHeading(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []string
		want []string
	}{
		{"heading line repeated in a sentence stays",
			[]string{"关于加快推进某某河道整治工程建设", "的实施意见", "为加快推进某某河道整治工程建设，现提出如下意见。"},
			[]string{"关于加快推进某某河道整治工程建设", "的实施意见", "为加快推进某某河道整治工程建设，现提出如下意见。"}},
		{"short summary with punctuation goes",
			[]string{"河道整治工程今日开工，预计明年完工。", "记者获悉，河道整治工程今日开工，预计明年完工。"},
			[]string{"记者获悉，河道整治工程今日开工，预计明年完工。"}},
		{"long summary without punctuation goes",
			[]string{"某某市河道整治工程今日正式开工建设全长十二公里预计明年汛期前全线完工", "据悉某某市河道整治工程今日正式开工建设全长十二公里预计明年汛期前全线完工。"},
			[]string{"据悉某某市河道整治工程今日正式开工建设全长十二公里预计明年汛期前全线完工。"}},
	} {
		if got := render.DropRepeatedLead(append([]string(nil), c.in...)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
