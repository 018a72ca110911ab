package decode

import (
	"bytes"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

const zhSimplified = "<p>工业和信息化部发布了新的产业集群名单，共计一百个，覆盖多个省份和新兴产业。</p>"
const zhTraditional = "<p>工業和信息化部發布了新的產業集群名單，共計一百個，覆蓋多個省份和新興產業。</p>"

func enc(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestToUTF8(t *testing.T) {
	gbk := enc(t, simplifiedchinese.GBK, zhSimplified)
	big5 := enc(t, traditionalchinese.Big5, zhTraditional)
	cases := []struct {
		name        string
		body        []byte
		contentType string
		want        string
		charset     string
		source      string
	}{
		{"utf8 plain", []byte(zhSimplified), "", zhSimplified, "utf-8", "detected"},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, zhSimplified...), "text/html; charset=gbk", zhSimplified, "utf-8", "bom"},
		{"gbk by header", gbk, "text/html; charset=GBK", zhSimplified, "gb18030", "header"},
		{"gb2312 label by header", gbk, "text/html; charset=gb2312", zhSimplified, "gb18030", "header"},
		{"gbk by meta charset", append([]byte(`<meta charset="gb2312">`), gbk...), "", `<meta charset="gb2312">` + zhSimplified, "gb18030", "meta"},
		{"gbk by http-equiv", append([]byte(`<meta http-equiv="Content-Type" content="text/html; charset=gbk">`), gbk...), "text/html", `<meta http-equiv="Content-Type" content="text/html; charset=gbk">` + zhSimplified, "gb18030", "meta"},
		{"gbk detected", gbk, "", zhSimplified, "gb18030", "detected"},
		{"big5 by header", big5, "text/html; charset=big5", zhTraditional, "big5", "header"},
		{"big5 detected", big5, "", zhTraditional, "big5", "detected"},
		{"unknown header label falls through", []byte(zhSimplified), "text/html; charset=bogus", zhSimplified, "utf-8", "detected"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ToUTF8(c.body, c.contentType)
			if string(r.HTML) != c.want {
				t.Errorf("HTML = %q, want %q", r.HTML, c.want)
			}
			if r.Charset != c.charset || r.Source != c.source {
				t.Errorf("charset/source = %s/%s, want %s/%s", r.Charset, r.Source, c.charset, c.source)
			}
		})
	}
}

func FuzzToUTF8(f *testing.F) {
	f.Add([]byte(zhSimplified), "")
	f.Add([]byte{0xFF, 0xFE, 0x41, 0x00}, "text/html; charset=utf-16")
	f.Fuzz(func(t *testing.T, b []byte, ct string) {
		r := ToUTF8(b, ct)
		if !bytes.Equal(r.HTML, bytes.ToValidUTF8(r.HTML, []byte("\uFFFD"))) {
			t.Fatalf("output is not valid UTF-8")
		}
	})
}
