package layout

import "github.com/offprint/offprint/render/layout/hyphen"

// testHyphenator is the hyphenator the quality figures use: the real
// American English one.
var testHyphenator Hyphenator = func() Hyphenator {
	h, ok := hyphen.For("en-US")
	if !ok {
		panic("no en-US hyphenation patterns")
	}
	return h
}()
