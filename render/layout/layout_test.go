package layout

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// mono measures every character as one unit, like a typewriter.
var mono = MeasureFunc(func(s string, _ any) float64 { return float64(utf8.RuneCountInString(s)) })

// setWidth is how wide the line is drawn: boxes, glue as set, the hyphen.
func setWidth(items []Item, l Line) float64 {
	w := 0.0
	for _, it := range items[l.Start:l.End] {
		switch it.Kind {
		case KindBox:
			w += it.Width
		case KindGlue:
			w += l.GlueWidth(it)
		}
	}
	if l.Hyphenated(items) {
		w += items[l.End].Width
	}
	return w * l.Scale
}

// text reads the lines back as a reader would: words joined by spaces,
// a hyphen at a hyphenated break, one line per string.
func text(items []Item, lines []Line) []string {
	var out []string
	for _, l := range lines {
		var b strings.Builder
		for _, it := range items[l.Start:l.End] {
			switch it.Kind {
			case KindBox:
				b.WriteString(it.Content.(Span).Text)
			case KindGlue:
				if it.Width > 0 {
					b.WriteByte(' ')
				}
			}
		}
		if l.Hyphenated(items) {
			b.WriteString(items[l.End].Content.(Span).Text)
		}
		out = append(out, strings.TrimSpace(b.String()))
	}
	return out
}

const lorem = "Held in Istanbul, Turkey, Russia’s second round of peace negotiations with Ukraine concluded without yielding any definitive outcome. Closely observed by the world community, the negotiations were meant to open the path for a truce and maybe a more general peace solution between the two war-torn countries."

func TestBreakNeverOverfullAndJustified(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		width   float64
		justify bool
	}{
		{"justified 40", lorem, 40, true},
		{"justified 25", lorem, 25, true},
		{"ragged 30", lorem, 30, false},
		{"narrower than a word", lorem, 6, true},
		{"url", "see https://example.com/a/very/long/path/that/never/ends/index.html now", 20, true},
		{"cjk run", "日本語の文章には空白がないのでどこでも改行できる必要があります", 10, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items := Words([]Span{{Text: c.text}}, mono, TextOptions{Justify: c.justify, MaxWidth: c.width})
			lines := Break(items, Uniform(c.width))
			if len(lines) == 0 {
				t.Fatal("no lines")
			}
			for i, l := range lines {
				w := setWidth(items, l)
				if w > c.width+1e-6 {
					t.Errorf("line %d overfull: %.2f > %.0f: %q", i, w, c.width, text(items, lines)[i])
				}
				if l.Scale != 1 {
					t.Errorf("line %d scaled by %.2f although the words could be split", i, l.Scale)
				}
				last := i == len(lines)-1
				if c.justify && !last && l.Ratio != 0 && math.Abs(w-c.width) > 1e-6 {
					t.Errorf("justified line %d is %.2f wide, want %.0f", i, w, c.width)
				}
				if last && l.Ratio > 0.001 {
					t.Errorf("last line stretched (ratio %.3f): it should be flush left", l.Ratio)
				}
			}
			got := strings.Join(text(items, lines), "")
			want := strings.ReplaceAll(c.text, " ", "")
			if strings.ReplaceAll(got, " ", "") != want {
				t.Errorf("text changed:\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestBreakKeepsWordsWhole(t *testing.T) {
	items := Words([]Span{{Text: lorem}}, mono, TextOptions{Justify: true, MaxWidth: 30})
	lines := Break(items, Uniform(30))
	words := map[string]bool{}
	for _, w := range strings.Fields(lorem) {
		words[w] = true
		for _, part := range strings.SplitAfter(w, "-") {
			words[part] = true // a break after a hyphen in the text is fine
		}
	}
	for i, line := range text(items, lines) {
		for _, w := range strings.Fields(line) {
			if !words[w] {
				t.Errorf("line %d has a broken word %q (%q)", i, w, line)
			}
		}
	}
}

func TestBreakAtHyphenAndSoftHyphen(t *testing.T) {
	cases := []struct {
		text  string
		width float64
		want  []string
	}{
		{"we are war-torn now", 12, []string{"we are war-", "torn now"}},
		{"a nego\u00adtiation", 8, []string{"a nego-", "tiation"}},
		{"line one\nline two", 40, []string{"line one", "line two"}},
		{"zero\u200bwidth\u200bspaces", 10, []string{"zerowidth", "spaces"}},
	}
	for _, c := range cases {
		items := Words([]Span{{Text: c.text}}, mono, TextOptions{Justify: true})
		got := text(items, Break(items, Uniform(c.width)))
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q at %.0f: got %q, want %q", c.text, c.width, got, c.want)
		}
	}
}

func TestBreakScalesAnUnsplittableBox(t *testing.T) {
	items := append([]Item{Box(3, Span{Text: "a"}), Glue(1, 0.5, 0.3), Box(50, Span{Text: "wide"}), Glue(1, 0.5, 0.3), Box(3, Span{Text: "b"})}, ForcedBreak()...)
	lines := Break(items, Uniform(20))
	scaled := false
	for i, l := range lines {
		if w := setWidth(items, l); w > 20+1e-6 {
			t.Errorf("line %d is %.2f wide in a 20 measure", i, w)
		}
		scaled = scaled || l.Scale < 1
	}
	if !scaled {
		t.Error("the 50-wide box was not scaled down")
	}
}

func TestBreakStylesStayInOneWord(t *testing.T) {
	// "un" roman + "believ" italic + "able" roman is one word: no break inside.
	spans := []Span{{Text: "it was un", Style: 0}, {Text: "believ", Style: 1}, {Text: "able to all", Style: 0}}
	items := Words(spans, mono, TextOptions{Justify: true})
	got := text(items, Break(items, Uniform(14)))
	if strings.Join(got, "|") != "it was|unbelievable|to all" {
		t.Errorf("got %q", got)
	}
}

func rows(n int, h float64) []Row {
	r := make([]Row, n)
	for i := range r {
		r[i].Height = h
	}
	return r
}

func para(n int) Block { return Block{Rows: rows(n, 1), Orphans: 2, Widows: 2, SpaceBefore: 0.5} }

// pageOf lists each block's rows' pages.
func pagesOf(slots [][]Slot) [][]int {
	var out [][]int
	for _, b := range slots {
		var ps []int
		for _, s := range b {
			ps = append(ps, s.Page)
		}
		out = append(out, ps)
	}
	return out
}

func TestPaginate(t *testing.T) {
	heading := Block{Rows: rows(1, 1.5), KeepWithNext: true, SpaceBefore: 1}
	cases := []struct {
		name   string
		blocks []Block
		height float64
		check  func(t *testing.T, pages [][]int)
	}{
		{"no orphan: a paragraph that would leave one line moves whole", []Block{para(9), para(4)}, 10.5, func(t *testing.T, p [][]int) {
			// 9 lines, then 0.5 space, then 1 line fits: an orphan.
			if p[1][0] != 1 {
				t.Errorf("second paragraph starts on page %d, want 1: %v", p[1][0], p)
			}
		}},
		{"no widow: the break moves back a line", []Block{para(5), para(6)}, 10, func(t *testing.T, p [][]int) {
			// 5 + .5 + 4 lines = 9.5 fits 4 of 6 lines: 2 go over, fine;
			// 5 + .5 + 5 = 10.5 too much. So lines 0..3 on page 0.
			tail := 0
			for _, pg := range p[1] {
				if pg == 1 {
					tail++
				}
			}
			if tail < 2 || len(p[1])-tail < 2 {
				t.Errorf("paragraph split %d/%d: %v", len(p[1])-tail, tail, p)
			}
		}},
		{"widow avoided by moving a line back", []Block{para(4), para(5)}, 9.5, func(t *testing.T, p [][]int) {
			// 4 + .5 + 5 = 9.5 fits exactly: no break at all.
			if p[1][4] != 0 {
				t.Errorf("everything fits on one page: %v", p)
			}
		}},
		{"heading never last on a page", []Block{para(7), heading, para(5)}, 10, func(t *testing.T, p [][]int) {
			if p[1][0] != p[2][0] || p[2][0] != p[2][1] {
				t.Errorf("heading on page %d, its first lines on %v", p[1][0], p[2])
			}
		}},
		{"heading pulled over when its paragraph cannot split", []Block{para(5), heading, para(3)}, 9.5, func(t *testing.T, p [][]int) {
			// 5 + 1 + 1.5 + .5 + 2 lines = 10: the 3-line paragraph cannot
			// leave one line behind, so the heading goes with it.
			if p[1][0] != 1 || p[2][0] != 1 {
				t.Errorf("heading and paragraph should move together: %v", p)
			}
		}},
		{"block taller than a page is broken where it must", []Block{{Rows: rows(25, 1), Orphans: 25}}, 10, func(t *testing.T, p [][]int) {
			if p[0][24] != 2 {
				t.Errorf("25 rows on 10-row pages end on page %d: %v", p[0][24], p)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			slots := Paginate(c.blocks, Frame{Height: c.height})
			for bi, b := range slots {
				for ri, s := range b {
					if bot := s.Y + c.blocks[bi].Rows[ri].Height; bot > c.height+1e-6 && ri > 0 {
						t.Errorf("block %d row %d ends at %.2f below the frame (%.1f)", bi, ri, bot, c.height)
					}
				}
			}
			c.check(t, pagesOf(slots))
		})
	}
}

func TestPaginateFootnotesShareThePage(t *testing.T) {
	b := para(10)
	b.Rows[7].Foot = 2 // line 7 calls a 2-unit note
	slots := Paginate([]Block{b}, Frame{Height: 10, FootSeparator: 0.5})
	p := pagesOf(slots)[0]
	// 8 lines + 0.5 + 2 > 10: line 7 and its note go to the next page,
	// taking line 6 along (no widow... the break leaves 6 and 4).
	for i := 0; i < 10; i++ {
		onPage0 := 0.0
		foot := 0.0
		for j := 0; j < 10; j++ {
			if p[j] == p[i] {
				onPage0 += b.Rows[j].Height
				foot += b.Rows[j].Foot
			}
		}
		if foot > 0 {
			foot += 0.5
		}
		if onPage0+foot > 10+1e-6 {
			t.Fatalf("page %d holds %.1f of text and %.1f of notes: over 10 (%v)", p[i], onPage0, foot, p)
		}
	}
	if p[7] == 0 {
		t.Errorf("line 7 and its note cannot fit on page 0: %v", p)
	}
}
