package sanitize

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestHTML(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"structure kept", `<div><h2>Head</h2><p>One <b>two</b> <em>three</em></p><ul><li>x</li></ul></div>`,
			`<div><h2>Head</h2><p>One <b>two</b> <em>three</em></p><ul><li>x</li></ul></div>`},
		{"table kept", `<table><caption>C</caption><thead><tr><th colspan="2">H</th></tr></thead><tbody><tr><td rowspan="3">1</td></tr></tbody></table>`,
			`<table><caption>C</caption><thead><tr><th colspan="2">H</th></tr></thead><tbody><tr><td rowspan="3">1</td></tr></tbody></table>`},
		{"figure kept", `<figure><img src="https://x.example/a.jpg" alt="A"/><figcaption>Cap</figcaption></figure>`,
			`<figure><img src="https://x.example/a.jpg" alt="A"/><figcaption>Cap</figcaption></figure>`},
		{"http link", `<a href="http://x.example/a?b=1">x</a>`, `<a href="http://x.example/a?b=1">x</a>`},
		{"mailto link", `<a href="mailto:desk@x.example">x</a>`, `<a href="mailto:desk@x.example">x</a>`},
		{"relative link", `<a href="/news/1">x</a>`, `<a href="/news/1">x</a>`},
		{"javascript link", `<a href="javascript:alert(document.cookie)">x</a>`, `x`},
		{"javascript link, upper case and spaces", `<a href="  JaVaScRiPt:alert(1)">x</a>`, `x`},
		{"javascript link, entity encoded", `<a href="jav&#x09;ascript:alert(1)">x</a>`, `x`},
		{"data link", `<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>`, `x`},
		{"data image link", `<a href="data:image/png;base64,iVBORw0KGgo=">x</a>`, `x`},
		{"vbscript link", `<a href="vbscript:msgbox(1)">x</a>`, `x`},
		{"data image", `<img src="data:image/png;base64,iVBORw0KGgo="/>`, `<img src="data:image/png;base64,iVBORw0KGgo="/>`},
		{"data html image", `<img src="data:text/html;base64,PHNjcmlwdD4=">`, ``},
		{"mailto image", `<img src="mailto:x@x.example">`, ``},
		{"javascript image", `<img src="javascript:alert(1)" alt="a"/>`, `<img alt="a"/>`},
		{"script dropped with content", `<p>a<script>alert(1)</script>b</p>`, `<p>ab</p>`},
		{"style dropped with content", `<style>p{color:red}</style><p style="color:red">a</p>`, `<p>a</p>`},
		{"event handlers dropped", `<p onclick="alert(1)" onmouseover="x()">a</p><img src="/a.png" onerror="alert(1)"/>`, `<p>a</p><img src="/a.png"/>`},
		{"iframe dropped with content", `<iframe src="https://x.example/"><p>fallback</p></iframe>ok`, `ok`},
		{"object and embed dropped", `<object data="x.swf"><param name="a"></object><embed src="x.swf">ok`, `ok`},
		{"form dropped, text kept", `<form action="https://x.example/"><label>Name</label><input name="n"><button>Go</button></form>`, `NameGo`},
		{"svg script dropped", `<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">t</a></svg>`, `t`},
		{"class and id dropped", `<p class="x" id="y" data-a="1">a</p>`, `<p>a</p>`},
		{"lang and dir kept", `<p lang="zh-CN" dir="rtl" title="t">a</p>`, `<p lang="zh-CN" dir="rtl" title="t">a</p>`},
		{"bad dir dropped", `<p dir="x&quot;onclick">a</p>`, `<p>a</p>`},
		{"time", `<time datetime="2025-03-14T09:20:00Z">Friday</time>`, `<time datetime="2025-03-14T09:20:00Z">Friday</time>`},
		{"chinese text", `<p>来源：湖畔仪器网</p>`, `<p>来源：湖畔仪器网</p>`},
		{"empty", ``, ``},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := HTML(c.in)
			if got != c.want {
				t.Errorf("HTML(%q)\n got %q\nwant %q", c.in, got, c.want)
			}
			if err := unsafe(got); err != "" {
				t.Errorf("unsafe output %q: %s", got, err)
			}
		})
	}
}

// unsafe returns why s could run code when shown, "" if it could not: a
// script element, an event-handler attribute, or a javascript: URL in any
// attribute. It reads s as a browser's tokenizer would.
func unsafe(s string) string {
	if strings.Contains(strings.ToLower(s), "<script") {
		return "<script"
	}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tok := z.Token()
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					return "event handler " + a.Key
				}
				if jsURL(a.Val) {
					return "javascript: URL in " + a.Key
				}
			}
		}
	}
}

// jsURL reports a javascript: URL the way browsers read one: ASCII
// white space and control characters anywhere are ignored, case too.
func jsURL(v string) bool {
	var b strings.Builder
	for _, r := range v {
		if r > ' ' {
			b.WriteRune(r)
		}
	}
	return strings.HasPrefix(strings.ToLower(b.String()), "javascript:")
}

func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		`<a href="javascript:alert(1)">x</a>`,
		`<p onclick="x()">a</p>`,
		`<script>alert(1)</script>`,
		`<img src=x onerror=alert(1)>`,
		`<svg><script>alert(1)</script></svg>`,
		`<a href="&#106;avascript:alert(1)">x</a>`,
		`<scr<script>ipt>alert(1)</script>`,
		`<<script>script>alert(1)<</script>/script>`,
		`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
		`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
		`<a href="java\x00script:alert(1)">x</a>`,
		`<table><td>1<td onmouseover=x>2</table>`,
		`<figure><img src="data:image/svg+xml;base64,PHN2Zy8+"><figcaption>c</figcaption></figure>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := HTML(s)
		if why := unsafe(out); why != "" {
			t.Fatalf("HTML(%q) = %q: %s", s, out, why)
		}
		// Sanitising what was sanitised changes nothing that matters:
		// the result is still safe.
		if why := unsafe(HTML(out)); why != "" {
			t.Fatalf("second pass over %q: %s", out, why)
		}
	})
}
