// Package hyphen finds where a word may be hyphenated: Liang's algorithm,
// as TeX does it, over the hyph-utf8 patterns and exception lists that
// package assets embeds, with each language's left and right minimums as
// TeX Live sets them.
//
// A Hyphenator is built once per language per process, on first use, and
// is safe for concurrent use.
package hyphen

import (
	"strings"
	"sync"

	"github.com/offprint/offprint/assets"
)

// Hyphenator hyphenates words of one language. It is immutable once built.
type Hyphenator struct {
	tag         string
	left, right int
	// apostrophe says the patterns treat apostrophes as letters (French
	// "l’homme", Ukrainian "м’ясо"); elsewhere an apostrophe splits a word.
	apostrophe bool
	pats       patterns
	exceptions map[string][]int
}

// language is one hyph-utf8 pattern set and the minimums TeX Live uses
// with it (/var/lib/tex-common/hyphen-cnf/texlive/*.cnf, which agree with
// the "hyphenmins: typesetting" of each pattern file's header).
type language struct {
	left, right int
	once        sync.Once
	h           *Hyphenator
}

var languages = map[string]*language{
	"en-us":   {left: 2, right: 3}, // usenglishmax
	"en-gb":   {left: 2, right: 3}, // ukenglish
	"de-1996": {left: 2, right: 2}, // ngerman
	"fr":      {left: 2, right: 2}, // french
	"es":      {left: 2, right: 2}, // spanish
	"it":      {left: 2, right: 2}, // italian
	"nl":      {left: 2, right: 2}, // dutch
	"pt":      {left: 2, right: 3}, // portuguese
	"pl":      {left: 2, right: 2}, // polish
	"cs":      {left: 2, right: 3}, // czech
	"ru":      {left: 2, right: 2}, // russian
	"uk":      {left: 2, right: 2}, // ukrainian
}

// A language whose patterns this build does not carry (the GPL-licensed
// Czech ones without -tags gplpatterns) is not offered at all. The list
// of files is enough to know: reading the patterns themselves here would
// copy every language's at each start of the program.
func init() {
	carried := map[string]bool{}
	for _, tag := range assets.HyphenationLanguages() {
		carried[tag] = true
	}
	for tag := range languages {
		if !carried[tag] {
			delete(languages, tag)
		}
	}
}

// primary maps a BCP 47 primary language subtag (and the ISO 639-2 codes
// that turn up in the wild) to a hyph-utf8 tag; English is decided by
// region in resolve.
var primary = map[string]string{
	"de": "de-1996", "deu": "de-1996", "ger": "de-1996",
	"fr": "fr", "fra": "fr", "fre": "fr",
	"es": "es", "spa": "es",
	"it": "it", "ita": "it",
	"nl": "nl", "nld": "nl", "dut": "nl",
	"pt": "pt", "por": "pt",
	"pl": "pl", "pol": "pl",
	"cs": "cs", "ces": "cs", "cze": "cs",
	"ru": "ru", "rus": "ru",
	"uk": "uk", "ukr": "uk",
}

// british lists the regions whose English follows British spelling and
// hence the British patterns.
var british = map[string]bool{
	"gb": true, "uk": true, "au": true, "nz": true, "ie": true, "za": true, "in": true,
}

// For returns the hyphenator for a BCP 47 language tag ("en", "en-GB",
// "de_AT", "pt-BR"; case does not matter, "_" may stand for "-"), and false
// for a language we have no patterns for. German of every region uses the
// reformed (1996) spelling's patterns, Portuguese of every region the one
// Portuguese set.
func For(lang string) (*Hyphenator, bool) {
	tag := resolve(lang)
	l, ok := languages[tag]
	if !ok {
		return nil, false
	}
	h := l.get(tag)
	return h, h != nil
}

// get builds the language's hyphenator on first use; nil if its data is
// missing.
func (l *language) get(tag string) *Hyphenator {
	l.once.Do(func() { l.h = load(tag, l.left, l.right) })
	return l.h
}

// resolve maps a BCP 47 tag to a key of languages, or "".
func resolve(lang string) string {
	subtags := strings.Split(strings.ToLower(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-")), "-")
	if subtags[0] != "en" && subtags[0] != "eng" {
		return primary[subtags[0]]
	}
	region := ""
	for _, s := range subtags[1:] {
		if len(s) == 4 { // a script, "en-Latn-GB"
			continue
		}
		if len(s) == 2 || len(s) == 3 {
			region = s
		}
		break
	}
	if british[region] {
		return "en-gb"
	}
	return "en-us"
}

func load(tag string, left, right int) *Hyphenator {
	pat, exc, ok := assets.HyphenationPatterns(tag)
	if !ok {
		return nil
	}
	h := &Hyphenator{
		tag:        tag,
		left:       left,
		right:      right,
		pats:       parsePatterns(pat),
		exceptions: parseExceptions(exc),
	}
	h.apostrophe = h.pats.apostrophe
	return h
}

// Tag is the hyph-utf8 name of the hyphenator's patterns, "en-gb" say.
func (h *Hyphenator) Tag() string { return h.tag }

// LeftMin is the fewest letters a break leaves at the start of a word.
func (h *Hyphenator) LeftMin() int { return h.left }

// RightMin is the fewest letters a break leaves at the end of a word.
func (h *Hyphenator) RightMin() int { return h.right }
