package article

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"
)

// TestContentHashVectors checks ContentHash against frozen inputs and
// outputs in testdata/content_hash.json. Every archived version is keyed
// by these hashes: a change here would make every stored article look
// edited on its next fetch, so the file is never regenerated — a failure
// means the hash changed, not that the vectors are stale.
func TestContentHashVectors(t *testing.T) {
	b, err := os.ReadFile("testdata/content_hash.json")
	if err != nil {
		t.Fatal(err)
	}
	var vecs []struct {
		Name    string  `json:"name"`
		Article Article `json:"article"`
		TextHex string  `json:"text_hex"` // a text that is not valid UTF-8
		Hash    string  `json:"content_hash"`
	}
	if err := json.Unmarshal(b, &vecs); err != nil {
		t.Fatal(err)
	}
	if len(vecs) < 10 {
		t.Fatalf("only %d vectors", len(vecs))
	}
	for _, v := range vecs {
		t.Run(v.Name, func(t *testing.T) {
			a := v.Article
			if v.TextHex != "" {
				raw, err := hex.DecodeString(v.TextHex)
				if err != nil {
					t.Fatal(err)
				}
				a.Text = string(raw)
			}
			if got := ContentHash(&a); got != v.Hash {
				t.Errorf("ContentHash = %s, frozen %s", got, v.Hash)
			}
			if got := contentHashRef(&a); got != v.Hash {
				t.Errorf("reference hash = %s, frozen %s", got, v.Hash)
			}
		})
	}
}
