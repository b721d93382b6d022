package layout

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/offprint/offprint/fonts"
	"github.com/offprint/offprint/render/layout/hyphen"
)

// testHyphenator is the hyphenator the quality figures use: the real
// American English one.
var testHyphenator Hyphenator = func() Hyphenator {
	h, ok := hyphen.For("en-US")
	if !ok {
		panic("no en-US hyphenation patterns")
	}
	return h
}()

// serifMeasure measures with the body face's own advance widths, so the
// figures below are those of real pages.
type serifMeasure struct {
	f     *sfnt.Font
	buf   sfnt.Buffer
	upem  float64
	size  float64
	cache map[rune]float64
}

func newSerifMeasure(t testing.TB, size float64) *serifMeasure {
	t.Helper()
	f, err := sfnt.Parse(fonts.MustBytes(fonts.SerifRegular))
	if err != nil {
		t.Fatal(err)
	}
	return &serifMeasure{f: f, upem: float64(f.UnitsPerEm()), size: size, cache: map[rune]float64{}}
}

func (m *serifMeasure) Width(s string, _ any) float64 {
	w := 0.0
	for _, r := range s {
		a, ok := m.cache[r]
		if !ok {
			g, err := m.f.GlyphIndex(&m.buf, r)
			if err == nil {
				adv, err := m.f.GlyphAdvance(&m.buf, g, fixed.I(int(m.upem)), font.HintingNone)
				if err == nil {
					a = float64(adv) / 64 * m.size / m.upem
				}
			}
			m.cache[r] = a
		}
		w += a
	}
	return w
}

// everyOther is a stand-in hyphenator: a break between every two letters,
// keeping two letters before and three after, as English does.
type everyOther struct{}

func (everyOther) Points(word string) []int {
	var pts []int
	n := utf8.RuneCountInString(word)
	i := 0
	for off := range word {
		if i >= 2 && i <= n-3 && i%2 == 0 {
			pts = append(pts, off)
		}
		i++
	}
	return pts
}

// syllables make our own text, in a rhythm like English: words of one to
// five syllables, sentences of six to twenty words.
var syllables = strings.Fields("ver pro tion ment al con ter in re de com the ab un ex ble ri ca mi na to po li ty sta ble ge ne ra")

func ownText(rng *rand.Rand, words int) string {
	var b strings.Builder
	sentence := 0
	for i := 0; i < words; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		n := 1 + rng.IntN(3)
		if rng.IntN(6) == 0 {
			n += 2
		}
		var w strings.Builder
		for k := 0; k < n; k++ {
			w.WriteString(syllables[rng.IntN(len(syllables))])
		}
		word := w.String()
		if sentence == 0 {
			word = strings.ToUpper(word[:1]) + word[1:]
		}
		b.WriteString(word)
		sentence++
		if sentence > 6 && rng.IntN(14) == 0 || sentence > 20 {
			b.WriteByte('.')
			sentence = 0
		} else if rng.IntN(12) == 0 {
			b.WriteByte(',')
		}
	}
	b.WriteByte('.')
	return b.String()
}

// quality sums up how evenly a paragraph's lines are spaced: the ratios
// of the lines that are justified (all but a paragraph's last).
type quality struct {
	lines, loose, hyphens int
	sumAbs, worst         float64
}

func (q *quality) add(items []Item, lines []Line) {
	for i, l := range lines {
		if l.Hyphenated(items) {
			q.hyphens++
		}
		if i == len(lines)-1 {
			continue
		}
		r := math.Abs(l.Ratio)
		q.lines++
		q.sumAbs += r
		q.worst = max(q.worst, r)
		if r > 1 {
			q.loose++
		}
	}
}

func (q quality) mean() float64  { return q.sumAbs / float64(max(q.lines, 1)) }
func (q quality) share() float64 { return float64(q.loose) / float64(max(q.lines, 1)) }

func (q quality) String() string {
	return fmt.Sprintf("%d lines: mean |r| %.3f, |r|>1 %.1f%%, worst %.2f, %d hyphens", q.lines, q.mean(), 100*q.share(), q.worst, q.hyphens)
}

// checkLines asserts what every breaker must give: lines that cover the
// items in order, none wider than its measure, glue never shrunk past its
// limit, the last line flush left, no word lost or changed.
func checkLines(t *testing.T, items []Item, lines []Line, width float64, maxHyphens int) {
	t.Helper()
	if len(lines) == 0 {
		t.Fatal("no lines")
	}
	next := skipDiscardable(items, 0)
	run := 0
	for i, l := range lines {
		if l.Start != next {
			t.Fatalf("line %d starts at item %d, want %d", i, l.Start, next)
		}
		if l.End < l.Start || l.End > len(items) {
			t.Fatalf("line %d ends at %d (start %d, %d items)", i, l.End, l.Start, len(items))
		}
		if w := setWidth(items, l); w > width+1e-6 {
			t.Errorf("line %d overfull: %.2f > %.2f", i, w, width)
		}
		if l.Ratio < -1-1e-9 {
			t.Errorf("line %d shrunk past its limit: ratio %.3f", i, l.Ratio)
		}
		if l.Scale != 1 {
			t.Errorf("line %d scaled by %.3f", i, l.Scale)
		}
		if it, ok := l.BreakItem(items); ok && it.Kind == KindPenalty && it.Flagged {
			run++
			if maxHyphens > 0 && run > maxHyphens {
				t.Errorf("line %d is the %dth hyphenated line in a row", i, run)
			}
		} else {
			run = 0
		}
		next = skipDiscardable(items, l.End+1)
	}
	if last := lines[len(lines)-1]; last.Ratio > 0.001 || last.End != len(items)-1 && last.End != len(items) {
		t.Errorf("last line: ratio %.3f, ends at %d of %d", last.Ratio, last.End, len(items))
	}
}

// rejoin reads lines back as judge.py does: a word split by a hyphen at a
// line end is joined again.
func rejoin(lines []string) []string {
	var words []string
	carry := ""
	for _, line := range lines {
		fs := strings.Fields(line)
		for i, f := range fs {
			if carry != "" {
				f, carry = carry+f, ""
			}
			if i == len(fs)-1 && strings.HasSuffix(f, "-") {
				carry = strings.TrimSuffix(f, "-")
				if strings.HasSuffix(carry, "-") || strings.HasSuffix(carry, "—") {
					carry = f // a hyphen of the text: keep it
				}
				continue
			}
			words = append(words, f)
		}
	}
	if carry != "" {
		words = append(words, carry)
	}
	return words
}

func TestKnuthPlassProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 1981))
	m := newSerifMeasure(t, 11)
	for n := 0; n < 60; n++ {
		src := ownText(rng, 20+rng.IntN(200))
		width := 80 + rng.Float64()*320
		justify := n%4 != 0
		var hy Hyphenator
		if n%2 == 0 {
			hy = everyOther{}
		}
		t.Run(fmt.Sprintf("%d/%.0fpt/justify=%v/hyphens=%v", n, width, justify, hy != nil), func(t *testing.T) {
			items := Words([]Span{{Text: src}}, m, TextOptions{Justify: justify, MaxWidth: width, Hyphenator: hy})
			lines := Break(items, Uniform(width))
			checkLines(t, items, lines, width, DefaultParams.MaxHyphens)
			got := rejoin(text(items, lines))
			if strings.Join(got, " ") != strings.Join(strings.Fields(src), " ") {
				t.Errorf("words changed:\n got %q\nwant %q", strings.Join(got, " "), src)
			}
		})
	}
}

func TestKnuthPlassPasses(t *testing.T) {
	m := newSerifMeasure(t, 11)
	rng := rand.New(rand.NewPCG(7, 7))
	without := func(items []Item) []Item {
		var out []Item
		for _, it := range items {
			if !it.Auto {
				out = append(out, it)
			}
		}
		return out
	}
	firstPass := 0
	for n := 0; n < 40; n++ {
		src := ownText(rng, 40+rng.IntN(100))
		width := 200 + rng.Float64()*200
		items := Words([]Span{{Text: src}}, m, TextOptions{Justify: true, MaxWidth: width, Hyphenator: everyOther{}})
		lines := Break(items, Uniform(width))
		plain := without(items)
		fits := true // would the paragraph set within PreTolerance unhyphenated?
		for _, l := range Break(plain, Uniform(width)) {
			if l.End < len(plain)-1 && l.Ratio > DefaultParams.PreTolerance {
				fits = false
			}
		}
		hyphens := 0
		for _, l := range lines {
			if l.Hyphenated(items) {
				hyphens++
			}
		}
		if fits {
			firstPass++
			if hyphens > 0 {
				t.Errorf("paragraph %d sets within the pretolerance unhyphenated, yet %d lines are hyphenated", n, hyphens)
			}
		}
	}
	if firstPass == 0 {
		t.Error("no paragraph set in the first pass: the test proves nothing")
	}
}

func TestKnuthPlassHyphenLimit(t *testing.T) {
	// Long words and a hyphenator that allows a break anywhere: without
	// the limit, every line would end with a hyphen.
	src := strings.Repeat("abcdefghijklmnopqrstuvwxyz ", 40)
	anywhere := hyphenFunc(func(w string) []int {
		var p []int
		for i := 2; i < len(w)-2; i++ {
			p = append(p, i)
		}
		return p
	})
	items := Words([]Span{{Text: src}}, mono, TextOptions{Justify: true, Hyphenator: anywhere, MaxWidth: 37})
	for _, max := range []int{1, 2, 3} {
		p := DefaultParams
		p.MaxHyphens = max
		lines := p.Break(items, Uniform(37))
		checkLines(t, items, lines, 37, max)
	}
}

type hyphenFunc func(string) []int

func (f hyphenFunc) Points(w string) []int { return f(w) }

func TestKnuthPlassIsTotalFit(t *testing.T) {
	// The classic case: first-fit squeezes a word onto the first line and
	// leaves the second gaping; total-fit spreads the slack over both.
	items := Words([]Span{{Text: "aaa b ccc d eeeee ff gg h"}}, mono, TextOptions{Justify: true})
	ff := FirstFit(items, Uniform(10))
	kp := Break(items, Uniform(10))
	worst := func(lines []Line) float64 {
		w := 0.0
		for _, l := range lines[:len(lines)-1] {
			w = max(w, math.Abs(l.Ratio))
		}
		return w
	}
	if worst(kp) > 1 || worst(ff) <= 1 {
		t.Errorf("total-fit's worst line (%.2f) is no better than first-fit's (%.2f): %q vs %q",
			worst(kp), worst(ff), text(items, kp), text(items, ff))
	}
}

func TestKnuthPlassOverfullOnlyWhenForced(t *testing.T) {
	// A box wider than the line and no way to split it: it is set alone,
	// scaled, and the lines around it are set normally.
	items := []Item{Box(3, Span{Text: "a"}), Glue(1, 0.5, 0.3), Box(3, Span{Text: "b"}), Glue(1, 0.5, 0.3),
		Box(50, Span{Text: "wide"}), Glue(1, 0.5, 0.3), Box(3, Span{Text: "c"})}
	lines := Break(items, Uniform(20))
	if got := strings.Join(text(items, lines), "|"); got != "a b|wide|c" {
		t.Errorf("lines %q", got)
	}
	for _, l := range lines {
		if w := setWidth(items, l); w > 20+1e-9 {
			t.Errorf("line %+v is %.2f wide", l, w)
		}
	}
}

func TestWordsHyphenation(t *testing.T) {
	cases := []struct {
		text    string
		spans   []Span
		want    int // hyphenation points offered
		comment string
	}{
		{text: "negotiations", want: 4, comment: "a plain word"},
		{text: "“negotiations,”", want: 4, comment: "quotes and punctuation around it do not count"},
		{text: "Istanbul", want: 2, comment: "a capitalised word"},
		{text: "NATO", want: 0, comment: "an acronym"},
		{text: "JavaScript", want: 0, comment: "an identifier"},
		{text: "https://example.com/negotiations", want: 0, comment: "a URL"},
		{text: "someone@example.com", want: 0, comment: "an e-mail address"},
		{text: "example.com", want: 0, comment: "a domain"},
		{text: "1234567890", want: 0, comment: "a number"},
		{text: "covid19vaccine", want: 0, comment: "letters and digits"},
		{text: "self-defence", want: 0, comment: "a word that has its own hyphen"},
		{text: "nego\u00adtiations", want: 0, comment: "a word with the author's soft hyphen"},
		{spans: []Span{{Text: "negotiations", Verbatim: true}}, comment: "code"},
		{text: "Russia’s", want: 2, comment: "an apostrophe inside the word"},
	}
	for _, c := range cases {
		spans := c.spans
		if spans == nil {
			spans = []Span{{Text: c.text}}
		}
		items := Words(spans, mono, TextOptions{Justify: true, Hyphenator: everyOther{}})
		got := 0
		for _, it := range items {
			if it.Kind == KindPenalty && it.Auto {
				got++
				if !it.Flagged || it.Width != 1 || it.Content.(Span).Text != "-" {
					t.Errorf("%s: a hyphenation break %+v should be flagged and draw a hyphen", c.comment, it)
				}
			}
		}
		if got != c.want {
			t.Errorf("%s (%q): %d hyphenation points, want %d", c.comment, spans[0].Text, got, c.want)
		}
	}
}

func TestWordsCJK(t *testing.T) {
	cases := []struct {
		text       string
		width      float64
		noStartsOf string // characters no line may start with
	}{
		{"日本語の文章には空白がないので、どこでも改行できる必要があります。", 7, "、。"},
		{"中文的句子也没有空格，「引号」里的字不能单独成行。", 6, "，。」"},
		{"混合 text 和中文 mixed together 在一行里面。", 9, "。"},
	}
	for _, c := range cases {
		for _, opt := range []TextOptions{{Justify: true}, {}, {Justify: true, MaxWidth: c.width}, {MaxWidth: c.width, MinScale: 0.7}} {
			// The breaks come from the script: a run of ideographs is not
			// an overlong word to be broken anywhere.
			items := Words([]Span{{Text: c.text}}, mono, opt)
			lines := Break(items, Uniform(c.width))
			checkLines(t, items, lines, c.width, 0)
			got := text(items, lines)
			if len(got) < 3 {
				t.Errorf("%q at %.0f: %d lines", c.text, c.width, len(got))
			}
			for i, l := range got {
				if r, _ := utf8.DecodeRuneInString(l); i > 0 && strings.ContainsRune(c.noStartsOf, r) {
					t.Errorf("line %d starts with %q: %q", i, r, got)
				}
			}
			if strings.ReplaceAll(strings.Join(got, ""), " ", "") != strings.ReplaceAll(c.text, " ", "") {
				t.Errorf("text changed: %q", got)
			}
		}
	}
}

// seedParagraphs reads the sample article's paragraphs: its long lines.
func seedParagraphs(t testing.TB) []string {
	raw, err := os.ReadFile("../../samples/russia-ukraine-ceasefire.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(raw), "\n") {
		if l = strings.TrimSpace(l); len(l) > 200 && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if len(out) < 10 {
		t.Fatalf("only %d paragraphs in the sample", len(out))
	}
	return out
}

// corpora are the texts the quality figures and benchmarks run on.
func corpora(t testing.TB) map[string][]string {
	rng := rand.New(rand.NewPCG(1, 2))
	var long []string
	for i := 0; i < 120; i++ {
		long = append(long, ownText(rng, 30+rng.IntN(150)))
	}
	return map[string][]string{"seed": seedParagraphs(t), "long": long}
}

// bodyMeasure is the A4 body measure: 70 characters of 11 pt Noto Serif.
const bodyMeasure = 70 * 0.475 * 11

type setting struct {
	name string
	hy   Hyphenator
	brk  Breaker
}

func settings() []setting {
	return []setting{
		{"firstfit", nil, FirstFit},
		{"firstfit+hyphens", testHyphenator, FirstFit},
		{"knuthplass", nil, KnuthPlass},
		{"knuthplass+hyphens", testHyphenator, KnuthPlass},
	}
}

// TestParagraphQuality prints the figures the report quotes (go test -v):
// how evenly the lines are spaced before (first-fit, no hyphenation) and
// after (total-fit with hyphenation). It asserts only that total-fit with
// hyphenation is the better of the two on both texts.
func TestParagraphQuality(t *testing.T) {
	m := newSerifMeasure(t, 11)
	for _, name := range []string{"seed", "long"} {
		paras := corpora(t)[name]
		results := map[string]quality{}
		for _, s := range settings() {
			var q quality
			for _, p := range paras {
				items := Words([]Span{{Text: p}}, m, TextOptions{Justify: true, MaxWidth: bodyMeasure, Hyphenator: s.hy})
				lines := s.brk(items, Uniform(bodyMeasure))
				checkLines(t, items, lines, bodyMeasure, 0)
				q.add(items, lines)
			}
			results[s.name] = q
			t.Logf("%-5s %-19s %v", name, s.name, q)
		}
		before, after := results["firstfit"], results["knuthplass+hyphens"]
		if after.mean() >= before.mean() || after.share() > before.share() {
			t.Errorf("%s: total-fit with hyphens (%v) is not better than first-fit (%v)", name, after, before)
		}
	}
}

func BenchmarkBreak(b *testing.B) {
	m := newSerifMeasure(b, 11)
	for name, paras := range corpora(b) {
		for _, s := range settings() {
			var all [][]Item
			for _, p := range paras {
				all = append(all, Words([]Span{{Text: p}}, m, TextOptions{Justify: true, MaxWidth: bodyMeasure, Hyphenator: s.hy}))
			}
			b.Run(name+"/"+s.name, func(b *testing.B) {
				var q quality
				for b.Loop() {
					q = quality{}
					for _, items := range all {
						q.add(items, s.brk(items, Uniform(bodyMeasure)))
					}
				}
				b.ReportMetric(q.mean(), "mean|r|")
				b.ReportMetric(100*q.share(), "%loose")
				b.ReportMetric(float64(q.hyphens), "hyphens")
			})
		}
	}
}

func BenchmarkWords(b *testing.B) {
	m := newSerifMeasure(b, 11)
	paras := seedParagraphs(b)
	for b.Loop() {
		for _, p := range paras {
			Words([]Span{{Text: p}}, m, TextOptions{Justify: true, MaxWidth: bodyMeasure, Hyphenator: testHyphenator})
		}
	}
}

func TestMinScaleKeepsALongWordWhole(t *testing.T) {
	const width = 20.0
	cases := []struct {
		word  string
		whole bool
	}{
		{strings.Repeat("x", 24), true},  // fits at 20/24 = 0.83
		{strings.Repeat("─", 26), true},  // 0.77
		{strings.Repeat("y", 40), false}, // would need 0.5: broken
	}
	for _, c := range cases {
		src := "some words before " + c.word + " and after it"
		for _, justify := range []bool{true, false} {
			items := Words([]Span{{Text: src}}, mono, TextOptions{Justify: justify, MaxWidth: width, MinScale: 0.75})
			lines := Break(items, Uniform(width))
			got := text(items, lines)
			whole := false
			for i, l := range lines {
				if w := setWidth(items, l); w > width+1e-9 {
					t.Errorf("%q: line %d is %.2f wide", c.word, i, w)
				}
				if l.Scale < 0.75-1e-9 {
					t.Errorf("%q: line %d scaled by %.2f, below the minimum", c.word, i, l.Scale)
				}
				if l.Scale < 1 && got[i] != c.word {
					t.Errorf("%q: line %d %q is scaled but holds more than the long word", c.word, i, got[i])
				}
				whole = whole || got[i] == c.word
			}
			if whole != c.whole {
				t.Errorf("%q (justify %v): set whole %v, want %v: %q", c.word, justify, whole, c.whole, got)
			}
		}
	}
}
