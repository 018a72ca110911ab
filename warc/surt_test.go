package warc

import "testing"

func TestSURT(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"www dropped, labels reversed", "http://www.Example.com/a/B.html", "com,example)/a/b.html"},
		{"query sorted", "https://news.example.co.uk/x?b=2&a=1", "uk,co,example,news)/x?a=1&b=2"},
		{"default port dropped", "https://example.com:443/", "com,example)/"},
		{"other port kept", "http://example.com:8080/p", "com,example:8080)/p"},
		{"address reversed too", "http://127.0.0.1:4000/a", "1,0,0,127:4000)/a"},
		{"no path", "http://example.com", "com,example)/"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := SURT(c.in); got != c.want {
				t.Fatalf("SURT(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
