package article

// Article is one extracted news article, optionally with the archive fields
// that store fills in for a stored version.
//
// The zero value is valid; slices are never nil after Normalize so that they
// encode as [] rather than null.
type Article struct {
	URL          string    `json:"url"`
	CanonicalURL string    `json:"canonical_url"`
	Title        string    `json:"title"`
	Source       string    `json:"source"`
	Authors      []string  `json:"authors"`
	PublishedAt  string    `json:"published_at"`
	ModifiedAt   string    `json:"modified_at"`
	Language     string    `json:"language"`
	Description  string    `json:"description"`
	Text         string    `json:"text"`
	HTML         string    `json:"html"`
	Related      []Related `json:"related"`
	Images       []Image   `json:"images"`
	Tags         []string  `json:"tags"`
	// Views is a page's own view counter (点击量) when it shows one. It is
	// kept for the record but is not content: it never affects ContentHash.
	Views int64 `json:"views,omitempty"`

	Archive
}

// Archive holds the fields a stored version adds. They are empty (and
// omitted from JSON) on the output of extract.
type Archive struct {
	Version     int    `json:"version,omitempty"`
	FetchedAt   string `json:"fetched_at,omitempty"`
	ContentHash string `json:"content_hash,omitempty"`
	FirstSeen   string `json:"first_seen,omitempty"`
	LastChecked string `json:"last_checked,omitempty"`
	HTTPStatus  int    `json:"http_status,omitempty"`
}

// Related is one entry of the article's own related-reading block.
type Related struct {
	URL         string `json:"url"`
	Title       string `json:"title"`
	PublishedAt string `json:"published_at,omitempty"`
}

// Image is an image that belongs to the article body (or its lead image).
type Image struct {
	URL     string `json:"url"`
	Caption string `json:"caption,omitempty"`
}

// Normalize replaces nil slices with empty ones so that every array field
// encodes as [] and two articles compare the same after a JSON round trip.
func (a *Article) Normalize() {
	if a.Authors == nil {
		a.Authors = []string{}
	}
	if a.Related == nil {
		a.Related = []Related{}
	}
	if a.Images == nil {
		a.Images = []Image{}
	}
	if a.Tags == nil {
		a.Tags = []string{}
	}
}
