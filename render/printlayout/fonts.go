package printlayout

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/runenames"

	"github.com/offprint/offprint/fonts"
)

// face is a role in the type scheme; faceFiles maps it to a bundled file.
type face uint8

const (
	serif face = iota
	serifBold
	serifItalic
	serifBoldItalic
	sans
	sansBold
	// cjk draws the Chinese and Japanese the Noto faces lack, symbols the
	// symbols none of the others has. Each has one weight and no italic,
	// and is parsed only when a document needs it.
	cjk
	symbols
	numFaces
)

var faceFiles = [numFaces]fonts.Face{
	serif:           fonts.SerifRegular,
	serifBold:       fonts.SerifBold,
	serifItalic:     fonts.SerifItalic,
	serifBoldItalic: fonts.SerifBoldItalic,
	sans:            fonts.SansRegular,
	sansBold:        fonts.SansBold,
	cjk:             fonts.CJKFallback,
	symbols:         fonts.SymbolFallback,
}

func (f face) bold() bool   { return f == serifBold || f == serifBoldItalic || f == sansBold }
func (f face) italic() bool { return f == serifItalic || f == serifBoldItalic }
func (f face) isSans() bool { return f == sans || f == sansBold }

// with returns the face of the same family with the given weight and slope.
// The sans family has no italic: sans text stays upright.
func (f face) with(bold, italic bool) face {
	if f == cjk || f == symbols {
		return f
	}
	if f.isSans() {
		if bold {
			return sansBold
		}
		return sans
	}
	switch {
	case bold && italic:
		return serifBoldItalic
	case bold:
		return serifBold
	case italic:
		return serifItalic
	}
	return serif
}

// fallbacks is where a character goes that face f lacks: the other
// bundled family at the same weight, then the CJK face, then the symbols.
func (f face) fallbacks() [3]face {
	if f.isSans() {
		return [3]face{serif.with(f.bold(), false), cjk, symbols}
	}
	return [3]face{sans.with(f.bold(), false), cjk, symbols}
}

// cmaps are the bundled faces parsed once per process, each on first use,
// only to ask which characters they can draw. fpdf parses its own copy per
// document: it keeps per-document state (the subset of used characters)
// in the parsed font, so that parse cannot be shared.
var cmaps = func() (out [numFaces]func() (*sfnt.Font, error)) {
	for i, file := range faceFiles {
		out[i] = sync.OnceValues(func() (*sfnt.Font, error) {
			data, err := fonts.Bytes(file)
			if err != nil {
				return nil, err
			}
			f, err := sfnt.Parse(data)
			if err != nil {
				return nil, fmt.Errorf("bundled font %s: %w", file, err)
			}
			return f, nil
		})
	}
	return out
}()

// placeholder is drawn for a character no face can draw: the Unicode
// replacement character, which every Noto face has.
const placeholder = '\uFFFD'

// typeface measures text, answers coverage questions, and keeps the
// characters that had to be replaced for the warning. It remembers the
// faces in the order it first measured them (see Book.Faces).
type typeface struct {
	missing  map[rune]bool
	seen     [numFaces]bool
	order    []face
	last     face
	lastSize float64
}

func newTypeface() (*typeface, error) {
	// The body face must parse; the others are checked when first used.
	if _, err := cmaps[serif](); err != nil {
		return nil, err
	}
	return &typeface{missing: map[rune]bool{}}, nil
}

// width is the advance of s in face at size, in points.
func (t *typeface) width(s string, fc face, size float64) float64 {
	if !t.seen[fc] {
		t.seen[fc] = true
		t.order = append(t.order, fc)
	}
	t.last, t.lastSize = fc, size
	m, err := advances[fc]()
	if err != nil {
		panic(err) // bundled fonts always parse; Layout recovers and reports
	}
	return m.width(s, size)
}

// has says whether face can draw r. fpdf cannot draw anything outside the
// Basic Multilingual Plane at all (it panics at output: go-pdf/fpdf#40).
func (t *typeface) has(fc face, r rune) bool {
	if r > 0xFFFF || r < 0 {
		return false
	}
	// The metrics know which characters the face maps (see metrics.w):
	// one table per process, where each document had its own.
	m, err := advances[fc]()
	return err == nil && m.w[r] != 0
}

// faceFor is the face that draws r in text set in fc: fc itself, else a
// fallback, else none (false).
func (t *typeface) faceFor(fc face, r rune) (face, bool) {
	if t.has(fc, r) {
		return fc, true
	}
	if needsShaping(r) {
		return fc, false
	}
	for _, f := range fc.fallbacks() {
		if t.has(f, r) {
			return f, true
		}
	}
	return fc, false
}

// needsShaping says whether r belongs to a script that fpdf cannot set
// (it neither reorders right-to-left text nor shapes joining letters):
// Hebrew, Arabic, Syriac, Thaana, N'Ko and the Indic scripts. A fallback
// face that has their letters would still draw them backwards or
// unjoined; they get the placeholder and the warning instead.
func needsShaping(r rune) bool {
	return r >= 0x0590 && r <= 0x0DFF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// shapingScripts names the scripts of runes that needsShaping: "Arabic",
// "Arabic and Hebrew"; "" when there are none.
func shapingScripts(runes []rune) string {
	var found []string
	for _, name := range []string{"Arabic", "Hebrew", "Syriac", "Thaana", "Nko", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala"} {
		for _, r := range runes {
			if needsShaping(r) && unicode.Is(unicode.Scripts[name], r) {
				found = append(found, strings.Replace(name, "Nko", "N'Ko", 1))
				break
			}
		}
	}
	switch len(found) {
	case 0:
		return ""
	case 1:
		return found[0]
	}
	return strings.Join(found[:len(found)-1], ", ") + " and " + found[len(found)-1]
}

// segment is a run of text that one face draws.
type segment struct {
	text string
	face face
}

// segments makes text drawable when set in face fc: NFC (fpdf places no
// combining marks), control characters dropped, and each character given
// to the first face that has it, fc or a fallback. Invisible format
// characters no face has are dropped; any other character no face can
// draw is replaced by the placeholder, in fc, and remembered for the
// warning. What extends a replaced character (a skin-tone modifier, a
// variation selector, a joiner and the emoji it joins) goes with it, so
// one emoji shows as one placeholder. Spaces stay in fc.
func (t *typeface) segments(s string, fc face) []segment {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	simple := true
	for _, r := range s {
		if r < ' ' || r == 0x7f || !t.has(fc, r) {
			simple = false
			break
		}
	}
	if simple {
		return []segment{{s, fc}}
	}
	var out []segment
	var b strings.Builder
	cur := fc
	put := func(r rune, f face) {
		if f != cur && b.Len() > 0 {
			out = append(out, segment{b.String(), cur})
			b.Reset()
		}
		cur = f
		b.WriteRune(r)
	}
	replaced, joined, flag := false, false, false
	for _, r := range s {
		if replaced && extendsCluster(r) {
			joined = r == '\u200d'
			continue
		}
		// A flag is a pair of regional indicators: one placeholder.
		isRI := r >= 0x1F1E6 && r <= 0x1F1FF
		if flag && isRI {
			flag = false
			continue
		}
		flag = false
		if joined {
			if _, ok := t.faceFor(fc, r); !ok {
				joined = false
				continue // the second half of a joined emoji
			}
		}
		replaced, joined = false, false
		switch {
		case r == '\n':
			put(r, cur)
		case r == '\t':
			put(' ', fc)
		case r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xA0):
			// control characters draw nothing
		case r == ' ' || unicode.IsSpace(r) && !t.has(fc, r):
			put(' ', fc)
		default:
			if f, ok := t.faceFor(fc, r); ok {
				if unicode.Is(unicode.Mn, r) {
					f = cur // a mark stays with the letter it sits on
				}
				put(r, f)
				continue
			}
			if unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) || unicode.Is(unicode.Variation_Selector, r) ||
				unicode.Is(unicode.Cf, r) {
				continue // invisible: variation selectors, joiners, marks of direction
			}
			t.missing[r] = true
			put(placeholder, fc)
			replaced, flag = true, isRI
		}
	}
	if b.Len() > 0 {
		out = append(out, segment{b.String(), cur})
	}
	return out
}

// clean is text as segments would draw it, in one string: what goes into
// the outline and other places that are not set in a face.
func (t *typeface) clean(s string, fc face) string {
	segs := t.segments(s, fc)
	if len(segs) == 1 {
		return segs[0].text
	}
	var b strings.Builder
	for _, sg := range segs {
		b.WriteString(sg.text)
	}
	return b.String()
}

// extendsCluster says whether r belongs to the character before it as far
// as a reader sees: combining marks, variation selectors, emoji modifiers
// and tags, the zero-width joiner.
func extendsCluster(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Variation_Selector) ||
		(r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F) || r == '\u200d'
}

// warnMissing reports the characters that were replaced, in one warning
// that names them ("U+1F600 GRINNING FACE"), in code point order so it
// reads the same on every run.
func (t *typeface) warnMissing(warnf func(code, format string, args ...any)) {
	if len(t.missing) == 0 {
		return
	}
	runes := make([]rune, 0, len(t.missing))
	for r := range t.missing {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	const listed = 12
	var names []string
	for _, r := range runes[:min(len(runes), listed)] {
		name := runenames.Name(r)
		if name == "" || strings.HasPrefix(name, "<") {
			name = "(unnamed)"
		}
		names = append(names, fmt.Sprintf("U+%04X %s", r, name))
	}
	if len(runes) > listed {
		names = append(names, fmt.Sprintf("and %d more", len(runes)-listed))
	}
	what := "character"
	if len(runes) > 1 {
		what = "characters"
	}
	// Missing letters of a script fpdf cannot set are no font gap the
	// user can fix: say which script, and where it can be read.
	if sc := shapingScripts(runes); sc != "" {
		warnf("glyph", "pdf: %s text cannot be set in the PDF yet (fpdf neither joins its letters nor sets right to left): its %d %s drawn as %c; the EPUB has it whole (use --epub): %s",
			sc, len(runes), what, placeholder, strings.Join(names, ", "))
		return
	}
	warnf("glyph", "pdf: %d %s not in the fonts, drawn as %c: %s", len(runes), what, placeholder, strings.Join(names, ", "))
}
