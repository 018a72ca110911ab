package store

// WithoutRawDict is o with raw bodies compressed on their own, without
// their article JSON as a dictionary (for the size benchmark).
func WithoutRawDict(o Options) Options {
	o.noRawDict = true
	return o
}
