package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a run of text in one style. Style is the caller's (a font and
// size, a link): layout only hands it back to Measure. Spans are what the
// boxes Words makes contain, and what a hyphen penalty draws.
type Span struct {
	Text  string
	Style any
	// Verbatim text (code, a URL) is never hyphenated: a hyphen added to
	// it would read as part of it.
	Verbatim bool
}

// Measure tells layout how wide text is. The PDF renderer answers from
// its fonts; another renderer may answer from its own metrics.
type Measure interface {
	Width(text string, style any) float64
}

// MeasureFunc adapts a function to Measure.
type MeasureFunc func(text string, style any) float64

func (f MeasureFunc) Width(text string, style any) float64 { return f(text, style) }

// Hyphenator says where a word may be hyphenated: the byte offsets into
// word before which a break is allowed. render/layout/hyphen provides one
// per language.
type Hyphenator interface {
	Points(word string) []int
}

// CacheHyphens remembers h's answers: an article says the same words
// again and again. The cache is not safe for concurrent use; make one per
// document.
func CacheHyphens(h Hyphenator) Hyphenator {
	return &hyphenCache{h: h, seen: map[string][]int{}}
}

type hyphenCache struct {
	h    Hyphenator
	seen map[string][]int
}

func (c *hyphenCache) Points(word string) []int {
	p, ok := c.seen[word]
	if !ok {
		p = c.h.Points(word)
		c.seen[word] = p
	}
	return p
}

// LeftMin and RightMin pass on the minimums of a hyphenator that has them.
func (c *hyphenCache) LeftMin() int  { return minimums(c.h, true) }
func (c *hyphenCache) RightMin() int { return minimums(c.h, false) }

type withMinimums interface {
	LeftMin() int
	RightMin() int
}

func minimums(h Hyphenator, left bool) int {
	m, ok := h.(withMinimums)
	switch {
	case !ok:
		return 2 // no language breaks closer to a word's edge than that
	case left:
		return m.LeftMin()
	}
	return m.RightMin()
}

// Costs of the breaks Words offers inside words.
const (
	// HyphenPenalty is the cost of a break the hyphenator proposed, after
	// a hyphen or dash in the text, or at a soft hyphen (TeX's
	// \hyphenpenalty and \exhyphenpenalty).
	HyphenPenalty = 50
	// URLPenalty is the cost of breaking an overlong word after a
	// separator such as "/" or ".".
	URLPenalty = 500
	// EmergencyPenalty is the cost of breaking an overlong word between
	// two letters: a last resort, taken only when nothing else fits.
	EmergencyPenalty = 2000
)

// TextOptions say how Words turns text into items.
type TextOptions struct {
	// Justify lets interword glue stretch (by half a space) and shrink (by
	// a third), TeX's defaults. Otherwise words keep their spacing and
	// the lines are set ragged right, with the line ends' raggedness
	// balanced by the breaker (Knuth and Plass's ragged-right glue).
	Justify bool
	// MaxWidth is the narrowest line the paragraph will be set in. A word
	// wider than that gets break points after separators and between its
	// letters, so that no line ever has to be overfull. Zero means no
	// limit.
	MaxWidth float64
	// MinScale lets a word a little wider than MaxWidth stay whole: one
	// that fits when set at MinScale of its size (0.75, say) gets no break
	// points, and the breaker sets it alone on a line drawn that much
	// smaller (Line.Scale). A URL or a row of box-drawing characters then
	// reads back whole. Zero breaks every word wider than MaxWidth.
	MinScale float64
	// Hyphen is the text drawn at a hyphenated break ("-" when empty).
	Hyphen string
	// Hyphenator, when set, proposes breaks inside words. Words that
	// carry digits, URL or e-mail punctuation, capitals after the first
	// letter, a hyphen or a soft hyphen of their own, or Verbatim text are
	// never given to it.
	Hyphenator Hyphenator
}

// Words turns styled text into items: a box per word (a box per style
// within a word), glue per run of spaces, breaks after hyphens and dashes
// and at soft hyphens and zero-width spaces, forced breaks at newlines,
// and a forced break at the end.
func Words(spans []Span, m Measure, opt TextOptions) []Item {
	w := wordBuilder{m: m, opt: opt}
	if w.opt.Hyphen == "" {
		w.opt.Hyphen = "-"
	}
	for _, s := range spans {
		start := 0
		for i, r := range s.Text {
			switch {
			case r == '\n':
				w.piece(s, s.Text[start:i])
				w.newline()
				start = i + 1
			case isSpace(r):
				w.piece(s, s.Text[start:i])
				w.space(s.Style)
				start = i + utf8.RuneLen(r)
			}
		}
		w.piece(s, s.Text[start:])
	}
	w.endWord()
	// Trailing spaces and line breaks would only make empty lines.
	for len(w.items) > 0 {
		last := w.items[len(w.items)-1]
		if last.Kind == KindBox {
			break
		}
		w.items = w.items[:len(w.items)-1]
	}
	return append(w.items, ForcedBreak()...)
}

func isSpace(r rune) bool {
	// No-break spaces are part of their word.
	return r == ' ' || r == '\t' || r == '\r' || (unicode.IsSpace(r) && r != 0xA0 && r != 0x202F && r != 0x2007)
}

type wordBuilder struct {
	m     Measure
	opt   TextOptions
	items []Item
	word  []Span // the pieces of the word being read
	// spaceStyle is the style of a pending run of spaces, nil for none.
	spaceStyle any
	spacing    bool
	// buffers endWord reuses from word to word
	runes  []rune
	owner  []int
	breaks []breakKind
}

// piece adds text, part of span s, to the word being read.
func (w *wordBuilder) piece(s Span, text string) {
	if text == "" {
		return
	}
	if w.spacing {
		w.flushSpace()
	}
	s.Text = text
	w.word = append(w.word, s)
}

func (w *wordBuilder) space(style any) {
	w.endWord()
	if !w.spacing {
		w.spacing, w.spaceStyle = true, style
	}
}

func (w *wordBuilder) flushSpace() {
	w.spacing = false
	if len(w.items) == 0 {
		return // no space before the first word
	}
	sp := w.m.Width(" ", w.spaceStyle)
	if w.endsInHyphen() {
		// A line that ended with "well -" or "pre-" before a space would
		// read as a word hyphenated across the break, and be joined to
		// the next line's first word: no break here.
		w.items = append(w.items, Penalty(0, Infinity, false, nil))
		if w.opt.Justify {
			w.items = append(w.items, Glue(sp, sp/2, sp/3))
		} else {
			w.items = append(w.items, Glue(sp, 0, 0))
		}
		return
	}
	if w.opt.Justify {
		w.items = append(w.items, Glue(sp, sp/2, sp/3))
		return
	}
	w.ragged(sp, 3*sp)
}

// endsInHyphen says whether the last word set ends with a hyphen.
func (w *wordBuilder) endsInHyphen() bool {
	last := w.items[len(w.items)-1]
	if last.Kind != KindBox {
		return false
	}
	sp, ok := last.Content.(Span)
	if !ok {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(sp.Text)
	return isHyphen(r)
}

// ragged is a break for text set ragged right that keeps the space's
// width inside a line: the stretch before the break belongs to the line
// that ends there, and the glue after it, which cancels that stretch
// mid-line, is dropped at the start of the next line.
func (w *wordBuilder) ragged(width, stretch float64) {
	w.items = append(w.items, Glue(0, stretch, 0), Penalty(0, 0, false, nil), Glue(width, -stretch, 0))
}

func (w *wordBuilder) newline() {
	w.endWord()
	w.spacing = false
	if len(w.items) > 0 {
		w.items = append(w.items, ForcedBreak()...)
	}
}

// breakKind is what may happen between two characters of a word.
type breakKind uint8

const (
	noBreak    breakKind = iota
	softBreak            // at a zero-width space or soft hyphen
	dashBreak            // after a hyphen in the text
	cjkBreak             // between ideographs, which take no spaces
	autoBreak            // where the hyphenator allows one
	urlBreak             // after a separator in an overlong word
	emergBreak           // anywhere in an overlong word
)

// endWord turns the pieces of the word just read into boxes and the breaks
// allowed inside it.
func (w *wordBuilder) endWord() {
	if len(w.word) == 0 {
		return
	}
	pieces := w.word
	w.word = nil

	// The word as one run of characters, each knowing its piece.
	runes, owner := w.runes[:0], w.owner[:0]
	for pi, p := range pieces {
		for _, r := range p.Text {
			runes = append(runes, r)
			owner = append(owner, pi)
		}
	}
	n := len(runes)
	// breaks[i] is the break allowed after runes[i].
	breaks := w.breaks[:0]
	for range n {
		breaks = append(breaks, noBreak)
	}
	w.runes, w.owner, w.breaks = runes, owner, breaks
	// The breaks the text allows: after hyphens, between ideographs (not
	// before closing or after opening punctuation), at zero-width spaces
	// and soft hyphens.
	for i := 0; i+1 < n; i++ {
		r, next := runes[i], runes[i+1]
		switch {
		case isHyphen(r) && i > 0 && unicode.IsLetter(runes[i-1]) && unicode.IsLetter(next):
			// After a hyphen, not after a dash: a line ending in "—"
			// reads back as a word of its own ("past—" "a").
			breaks[i] = dashBreak
		case (isIdeograph(r) || isIdeograph(next)) && !noBreakAfter(r) && !noBreakBefore(next) && !isMark(next):
			breaks[i] = cjkBreak
		case r == '\u200b' || r == '\u00ad' || next == '\u200b' || next == '\u00ad':
			breaks[i] = softBreak
		}
	}
	// A stretch between those breaks that is wider than the line can hold
	// (even scaled down to MinScale) gets breaks after separators and,
	// failing those, between any two characters.
	if w.opt.MaxWidth > 0 {
		limit := w.opt.MaxWidth
		if w.opt.MinScale > 0 && w.opt.MinScale < 1 {
			limit /= w.opt.MinScale
		}
		for a := 0; a < n; {
			b := a
			for b < n-1 && breaks[b] == noBreak {
				b++
			}
			if w.width(pieces, runes, owner, a, b+1) > limit {
				for i := a; i < b; i++ {
					if next := runes[i+1]; !isMark(next) {
						if strings.ContainsRune("/.?&=_#:,;", runes[i]) {
							breaks[i] = urlBreak
						} else {
							breaks[i] = emergBreak
						}
					}
				}
			}
			a = b + 1
		}
	}
	for i := range breaks {
		if breaks[i] == softBreak {
			breaks[i] = noBreak // handled where the characters are read
		}
	}
	if w.opt.Hyphenator != nil {
		w.hyphenate(pieces, runes, owner, breaks)
	}

	from := 0 // the first rune of the box being gathered
	emit := func(to int) {
		for from < to {
			// a box per piece: each has its own style
			pi, end := owner[from], from
			for end < to && owner[end] == pi {
				end++
			}
			s := string(runes[from:end])
			st := pieces[pi].Style
			w.items = append(w.items, Box(w.m.Width(s, st), Span{Text: s, Style: st, Verbatim: pieces[pi].Verbatim}))
			from = end
		}
	}
	hyphen := func(i int) Item {
		hy := Span{Text: w.opt.Hyphen, Style: pieces[owner[i]].Style}
		return Penalty(w.m.Width(hy.Text, hy.Style), HyphenPenalty, true, hy)
	}
	for i, r := range runes {
		inside := i > 0 && i < n-1
		switch r {
		case '\u200b': // a zero-width space is a break that draws nothing
			emit(i)
			from = i + 1
			if inside {
				w.items = append(w.items, Penalty(0, 0, false, nil))
			}
			continue
		case '\u00ad':
			emit(i)
			from = i + 1
			if inside {
				w.items = append(w.items, hyphen(i-1))
			}
			continue
		}
		switch breaks[i] {
		case noBreak:
			continue
		case dashBreak:
			emit(i + 1)
			w.items = append(w.items, Penalty(0, HyphenPenalty, true, nil))
		case cjkBreak:
			emit(i + 1)
			if w.opt.Justify {
				// Ideographs are justified by the space between them.
				w.items = append(w.items, Glue(0, w.items[len(w.items)-1].Width/4, 0))
			} else {
				w.ragged(0, 3*w.m.Width(" ", pieces[owner[i]].Style))
			}
		case autoBreak:
			emit(i + 1)
			h := hyphen(i)
			h.Auto = true
			w.items = append(w.items, h)
		case urlBreak:
			emit(i + 1)
			w.items = append(w.items, Penalty(0, URLPenalty, false, nil))
		case emergBreak:
			emit(i + 1)
			w.items = append(w.items, Penalty(0, EmergencyPenalty, false, nil))
		}
	}
	emit(n)
}

var invisible = strings.NewReplacer("\u00ad", "", "\u200b", "")

// width measures runes[a:b] of the word, a piece at a time, without soft
// hyphens and zero-width spaces.
func (w *wordBuilder) width(pieces []Span, runes []rune, owner []int, a, b int) float64 {
	total := 0.0
	for a < b {
		pi, end := owner[a], a
		for end < b && owner[end] == pi {
			end++
		}
		s := string(runes[a:end])
		if strings.ContainsAny(s, "\u00ad\u200b") {
			s = invisible.Replace(s)
		}
		total += w.m.Width(s, pieces[pi].Style)
		a = end
	}
	return total
}

// hyphenate marks the breaks the hyphenator allows in the word's runs of
// letters. Words it should not see are left alone: anything with digits
// or the punctuation of URLs and addresses, acronyms and identifiers
// (capitals after the first letter), words that carry their own hyphens
// or soft hyphens, and verbatim text.
func (w *wordBuilder) hyphenate(pieces []Span, runes []rune, owner []int, breaks []breakKind) {
	for _, p := range pieces {
		if p.Verbatim {
			return
		}
	}
	// The core of the word is what lies between its first and last letter:
	// a full stop after a word is punctuation, one inside it a domain.
	first, last := -1, -1
	for i, r := range runes {
		if unicode.IsLetter(r) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return
	}
	upper := 0
	for i, r := range runes {
		switch {
		case unicode.IsDigit(r) || isDash(r) || r == '@' || r == '\u00ad' || r == '\u200b' || isIdeograph(r):
			return
		case i > first && i < last && strings.ContainsRune("/\\:._=#&?%~+<>|", r):
			return
		case unicode.IsUpper(r):
			if upper++; upper > 1 {
				return
			}
		}
	}
	// Runs of letters (with apostrophes between letters) are the parts a
	// hyphenator knows; quotes and punctuation around them are not.
	shortest := minimums(w.opt.Hyphenator, true) + minimums(w.opt.Hyphenator, false)
	letter := func(i int) bool { return unicode.IsLetter(runes[i]) || (i > 0 && isMark(runes[i])) }
	for i := 0; i < len(runes); {
		if !letter(i) {
			i++
			continue
		}
		j := i
		for j < len(runes) && (letter(j) || (isApostrophe(runes[j]) && j+1 < len(runes) && unicode.IsLetter(runes[j+1]))) {
			j++
		}
		if j-i < shortest {
			i = j
			continue
		}
		word := string(runes[i:j])
		// Points gives byte offsets into word: walk them and the runes
		// together, both in ascending order.
		k, off := i, 0
		for _, at := range w.opt.Hyphenator.Points(word) {
			for k < j && off < at {
				off += utf8.RuneLen(runes[k])
				k++
			}
			if off != at || k <= i || k >= j {
				continue // not a character boundary inside the word
			}
			// the break falls between runes[k-1] and runes[k]
			if breaks[k-1] == noBreak || breaks[k-1] == emergBreak || breaks[k-1] == urlBreak {
				breaks[k-1] = autoBreak
			}
		}
		i = j
	}
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// isIdeograph says whether r is written without spaces around it, so a
// line may break before or after it: Han, kana, and the CJK punctuation
// and full-width forms set with them. Hangul is not: Korean is written
// with spaces and breaks there.
func isIdeograph(r rune) bool {
	if r < 0x2E80 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || (r >= 0x31F0 && r <= 0x31FF)
}

// noBreakBefore lists what may not start a line (closing punctuation,
// small kana, the prolonged sound mark: kinsoku shori); noBreakAfter what
// may not end one (opening brackets).
func noBreakBefore(r rune) bool {
	return strings.ContainsRune("、。，．：；？！）」』】〕〉》〙〗〟｝］・ー～ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々,.;:!?)]}’”»%", r)
}

func noBreakAfter(r rune) bool {
	return strings.ContainsRune("（「『【〔〈《〘〖〝｛［([{‘“«", r)
}

func isDash(r rune) bool { return isHyphen(r) || r == '\u2013' || r == '\u2014' }

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' }

func isMark(r rune) bool { return unicode.Is(unicode.M, r) || r == '\u200d' }
