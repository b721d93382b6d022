package assets

import (
	"embed"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// hyph holds hyph-utf8's pattern (hyph-TAG.pat.txt) and exception
// (hyph-TAG.hyp.txt) files exactly as TeX Live ships them, each beside the
// copyright and licence that came with it (hyph-TAG.LICENSE.txt), so a
// binary carries the notices its data requires.
//
// Patterns under a copyleft licence (Czech: GPL-2.0-or-later) live in
// hyph-gpl/ and are embedded only with the build tag gplpatterns
// (hyph_gpl.go), so a default binary stays under permissive terms.
//
//go:embed hyph/*.txt
var hyph embed.FS

// readHyph reads a data file from the permissive set, else the copyleft one.
func readHyph(name string) ([]byte, error) {
	b, err := hyph.ReadFile("hyph/" + name)
	if err != nil && gplHyph != nil {
		return fs.ReadFile(gplHyph, "hyph-gpl/"+name)
	}
	return b, err
}

// HyphenationPatterns returns the Liang patterns (one a line) and the
// hyphenation exceptions (one word a line, breaks marked "ta-ble") of a
// hyph-utf8 language tag such as "en-us", "de-1996" or "ru". exceptions is
// nil for a language that has none; ok is false for a tag we do not ship.
func HyphenationPatterns(tag string) (patterns, exceptions []byte, ok bool) {
	if !validTag(tag) {
		return nil, nil, false
	}
	patterns, err := readHyph("hyph-" + tag + ".pat.txt")
	if err != nil {
		return nil, nil, false
	}
	exceptions, err = readHyph("hyph-" + tag + ".hyp.txt")
	if err != nil {
		exceptions = nil
	}
	return patterns, exceptions, true
}

// HyphenationLicense returns the copyright and licence notice of a
// language's patterns, for an "about" or licences listing.
func HyphenationLicense(tag string) ([]byte, bool) {
	if !validTag(tag) {
		return nil, false
	}
	b, err := readHyph("hyph-" + tag + ".LICENSE.txt")
	return b, err == nil
}

// HyphenationLanguages lists the hyph-utf8 tags HyphenationPatterns knows,
// sorted.
func HyphenationLanguages() []string {
	names, _ := fs.Glob(hyph, "hyph/hyph-*.pat.txt")
	if gplHyph != nil {
		more, _ := fs.Glob(gplHyph, "hyph-gpl/hyph-*.pat.txt")
		names = append(names, more...)
	}
	tags := make([]string, 0, len(names))
	for _, n := range names {
		tags = append(tags, strings.TrimSuffix(strings.TrimPrefix(path.Base(n), "hyph-"), ".pat.txt"))
	}
	sort.Strings(tags)
	return tags
}

// validTag keeps a caller's string from naming anything but a language
// file: lower-case letters, digits and hyphens only.
func validTag(tag string) bool {
	if tag == "" {
		return false
	}
	for _, r := range tag {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}
