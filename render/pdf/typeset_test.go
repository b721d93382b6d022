package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/webp"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/printlayout"
)

// scriptsDoc is an article in Russian, Greek and Vietnamese: every letter
// of it is in the bundled faces.
func scriptsDoc() *render.Document {
	return &render.Document{
		Meta: render.Meta{Title: "Три языка · Τρεις γλώσσες · Ba ngôn ngữ", Lang: "ru", Authors: []render.Author{{Name: "Анна Сергеевна"}}},
		Blocks: []render.Block{
			render.Para("Переговоры в Стамбуле завершились без определённого результата: стороны обменялись пленными, но разногласия по поводу условий прекращения огня остались. Съёмочная группа приехала в четверг, а уехала в пятницу."),
			&render.Heading{Level: 2, Text: []render.Inline{&render.Text{Text: "Ελληνικά"}}},
			render.Para("Οι διαπραγματεύσεις στην Κωνσταντινούπολη ολοκληρώθηκαν χωρίς οριστικό αποτέλεσμα· οι δύο πλευρές αντάλλαξαν αιχμαλώτους, αλλά οι διαφωνίες παρέμειναν."),
			&render.Heading{Level: 2, Text: []render.Inline{&render.Text{Text: "Tiếng Việt"}}},
			render.Para("Các cuộc đàm phán ở Istanbul đã kết thúc mà không có kết quả rõ ràng; hai bên đã trao đổi tù binh, nhưng những bất đồng về điều kiện ngừng bắn vẫn còn. Người dân mong đợi hòa bình."),
		},
	}
}

// cjkDoc is Chinese and Japanese, with no spaces to break at.
func cjkDoc() *render.Document {
	return &render.Document{
		Meta: render.Meta{Title: "和平谈判没有结果", Lang: "zh"},
		Blocks: []render.Block{
			render.Para(strings.Repeat("在伊斯坦布尔举行的第二轮和平谈判没有取得任何明确的结果，双方交换了战俘，但在停火条件上的分歧仍然存在。", 4)),
			render.Para(strings.Repeat("イスタンブールで行われた和平交渉は、明確な成果のないまま終わった。「停戦」の条件については、両国の意見が大きく異なっている。", 3)),
		},
	}
}

// manyEmojiDoc has emoji everywhere, in the title, headings and text.
func manyEmojiDoc() *render.Document {
	return &render.Document{
		Meta: render.Meta{Title: "Party 🎉 time", Lang: "en"},
		Blocks: []render.Block{
			render.Para("We 😀 laughed 😂, we 😢 cried, we 👍🏽 agreed, we ❤️ loved it, and the 🇺🇦 flag flew while 👨‍👩‍👧 families watched the 🎆 fireworks."),
			&render.Heading{Level: 2, Text: []render.Inline{&render.Text{Text: "More 🌟 stars"}}},
			render.Para("Arrows → and ← and maths ≤ ≠ ∞ and boxes ─┼─ are drawn from a fallback face; the 🌟 is not."),
		},
	}
}

func glyphWarnings(ws []render.Warning) []string {
	var out []string
	for _, w := range ws {
		if w.Code == "glyph" {
			out = append(out, w.Message)
		}
	}
	return out
}

// fontNames lists the embedded fonts, from pdffonts.
func fontNames(t *testing.T, path string) string {
	return strings.ToLower(run(t, "pdffonts", path))
}

func TestGlyphCoverage(t *testing.T) {
	cases := []struct {
		name     string
		doc      *render.Document
		named    []string // in the glyph warning; none means no warning
		cjkFace  bool     // the CJK fallback is embedded
		letters  bool     // every letter of the text reads back
		symbols  string   // characters a fallback face must draw
		notNamed []string
	}{
		{name: "Cyrillic, Greek, Vietnamese", doc: scriptsDoc(), letters: true},
		{name: "Chinese and Japanese", doc: cjkDoc(), cjkFace: true, letters: true},
		{name: "emoji", doc: manyEmojiDoc(), letters: true, symbols: "→←≤≠∞─┼",
			named:    []string{"U+1F600 GRINNING FACE", "U+1F602 FACE WITH TEARS OF JOY", "U+1F44D THUMBS UP SIGN", "U+1F389 PARTY POPPER", "U+1F31F GLOWING STAR"},
			notNamed: []string{"U+1F3FD", "U+200D", "U+FE0F", "U+2192"}},
		{name: "the seed needs no fallback", doc: seedDoc(t)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data, warnings := renderDoc(t, c.doc, "a4")
			path := writeTemp(t, data)
			run(t, "qpdf", "--check", path)
			msgs := glyphWarnings(warnings)
			all := strings.Join(msgs, "\n")
			if len(c.named) == 0 && len(msgs) > 0 {
				t.Errorf("unexpected glyph warning: %s", all)
			}
			if len(c.named) > 0 && len(msgs) != 1 {
				t.Errorf("want one glyph warning, got %d: %s", len(msgs), all)
			}
			for _, n := range c.named {
				if !strings.Contains(all, n) {
					t.Errorf("the warning does not name %q: %s", n, all)
				}
			}
			for _, n := range c.notNamed {
				if strings.Contains(all, n) {
					t.Errorf("the warning names %s, which is drawn or part of another character: %s", n, all)
				}
			}
			fontList := fontNames(t, path)
			if got := strings.Contains(fontList, "droidsansfallback"); got != c.cjkFace {
				t.Errorf("CJK fallback embedded: %v, want %v:\n%s", got, c.cjkFace, fontList)
			}
			if c.symbols != "" && !strings.Contains(fontList, "dejavusans") {
				t.Errorf("the symbol fallback is not embedded:\n%s", fontList)
			}

			text := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
			flat := strings.Join(strings.Fields(text), "")
			if n := strings.Count(text, string(printlayout.Placeholder)); n > 0 && len(c.named) == 0 {
				t.Errorf("%d placeholders drawn", n)
			}
			if len(c.named) > 0 && !strings.Contains(text, string(printlayout.Placeholder)) {
				t.Error("no placeholder drawn for the missing characters")
			}
			if strings.Contains(text, strings.Repeat(string(printlayout.Placeholder), 2)) {
				t.Error("two placeholders in a row: one character shown as two (a flag, a joined emoji)")
			}
			for _, r := range c.symbols {
				if !strings.ContainsRune(text, r) {
					t.Errorf("%c (U+%04X) not drawn", r, r)
				}
			}
			if !c.letters {
				return
			}
			// Every letter of the article, in order, hyphens and spaces
			// aside: a line may break anywhere in CJK text.
			var want []rune
			for _, s := range docText(c.doc) {
				for _, r := range s {
					if unicode.IsLetter(r) {
						want = append(want, r)
					}
				}
			}
			var got []rune
			for _, r := range flat {
				if unicode.IsLetter(r) {
					got = append(got, r)
				}
			}
			if !containsInOrder(got, want) {
				t.Errorf("the letters do not read back in order:\n got %s\nwant %s", string(got), string(want))
			}
		})
	}
}

// docText is the title, headings and paragraphs of a document.
func docText(doc *render.Document) []string {
	out := []string{doc.Title}
	for _, b := range doc.Blocks {
		switch b := b.(type) {
		case *render.Paragraph:
			out = append(out, render.Plain(b.Text))
		case *render.Heading:
			out = append(out, render.Plain(b.Text))
		}
	}
	return out
}

// containsInOrder says whether want is a subsequence of got.
func containsInOrder(got, want []rune) bool {
	j := 0
	for _, r := range got {
		if j < len(want) && r == want[j] {
			j++
		}
	}
	return j == len(want)
}

func TestHyphenationReadsBackWhole(t *testing.T) {
	doc := seedDoc(t)
	for _, size := range []string{"a4", "a5"} {
		data, _ := renderDoc(t, doc, size)
		path := writeTemp(t, data)
		vocab := map[string]bool{}
		for _, w := range expectedWords(doc) {
			vocab[key(w)] = true
		}
		raw := run(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-")
		lines := strings.Split(raw, "\n")
		hyphenated, joined := 0, 0
		for i := 0; i+1 < len(lines); i++ {
			head, tail := strings.Fields(lines[i]), strings.Fields(lines[i+1])
			if len(head) == 0 || len(tail) == 0 || !strings.HasSuffix(head[len(head)-1], "-") {
				continue
			}
			last := head[len(head)-1]
			if vocab[key(last)] {
				continue // "war-" of "war-torn" is not a hyphenation
			}
			hyphenated++
			if w := strings.TrimSuffix(last, "-") + tail[0]; vocab[key(w)] {
				joined++
			} else {
				t.Errorf("%s: %q + %q does not make a word of the article", size, last, tail[0])
			}
		}
		if hyphenated == 0 {
			t.Errorf("%s: no line of the seed ends in a hyphen: is hyphenation on?", size)
		}
		t.Logf("%s: %d hyphenated line ends, %d rejoin into the article's words", size, hyphenated, joined)
	}
}

// annot is a link annotation: where it is, and the page and height it
// leads to.
type annot struct {
	page         int
	x0, y0, y1   float64
	destPage     int
	destY        float64
	external     bool
	rectAsString string
}

var (
	pageObj  = regexp.MustCompile(`(?s)%% Page (\d+)\n%% Original object ID: \d+ \d+\n(\d+) 0 obj\n(.*?)\nendobj`)
	annotObj = regexp.MustCompile(`(?s)<<\s*/Border \[[^\]]*\]\s*/Dest \[\s*(\d+) 0 R\s*/XYZ\s*[\d.]+\s*([\d.]+)\s*null\s*\]\s*/Rect \[\s*([\d.]+)\s*([\d.]+)\s*([\d.]+)\s*([\d.]+)\s*\]`)
)

// internalLinks reads every page's internal links from a QDF copy.
func internalLinks(t *testing.T, path string) []annot {
	qdf := path + ".qdf"
	if out, err := exec.Command(need(t, "qpdf"), "--qdf", "--object-streams=disable", path, qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --qdf: %v\n%s", err, out)
	}
	raw := run(t, "cat", qdf)
	pageOf := map[string]int{}
	var pages [][]string
	for _, m := range pageObj.FindAllStringSubmatch(raw, -1) {
		n, _ := strconv.Atoi(m[1])
		pageOf[m[2]] = n
		pages = append(pages, m)
	}
	var out []annot
	for _, m := range pages {
		n, _ := strconv.Atoi(m[1])
		for _, a := range annotObj.FindAllStringSubmatch(m[3], -1) {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			y0, y1 := f(a[4]), f(a[6])
			if y0 > y1 {
				y0, y1 = y1, y0
			}
			out = append(out, annot{page: n, x0: f(a[3]), y0: y0, y1: y1, destPage: pageOf[a[1]], destY: f(a[2]), rectAsString: a[0]})
		}
	}
	return out
}

func TestFootnotesLinkBothWays(t *testing.T) {
	filler := strings.Repeat("Words that fill the page so that the notes fall on several pages of the offprint. ", 14)
	doc := &render.Document{Meta: render.Meta{Title: "Notes both ways", Lang: "en"}}
	for i := 1; i <= 3; i++ {
		id := fmt.Sprint(i)
		doc.Blocks = append(doc.Blocks, &render.Paragraph{Text: []render.Inline{
			&render.Text{Text: filler + "This sentence calls note " + id}, &render.NoteRef{ID: id}, &render.Text{Text: ". " + filler}}})
	}
	for i := 1; i <= 3; i++ {
		doc.Blocks = append(doc.Blocks, &render.Footnote{ID: fmt.Sprint(i), Blocks: []render.Block{render.Para(fmt.Sprintf("The text of note %d.", i))}})
	}
	data, _ := renderDoc(t, doc, "a5")
	path := writeTemp(t, data)
	links := internalLinks(t, path)
	g, _ := printlayout.PageGeometry("a5")
	footTop := g.Bottom + 0.3*g.Frame() // notes sit in the lowest part of the text block
	var calls, backs []annot
	for _, a := range links {
		if a.destPage != a.page {
			t.Errorf("a link on page %d leads to page %d: a note is on the page of its call", a.page, a.destPage)
		}
		if a.y1 > footTop {
			calls = append(calls, a)
		} else {
			backs = append(backs, a)
		}
	}
	if len(calls) != 3 || len(backs) != 3 {
		t.Fatalf("want 3 calls and 3 note numbers linked, got %d and %d: %+v", len(calls), len(backs), links)
	}
	for i := range calls {
		c, n := calls[i], backs[i]
		// The call leads down to its note: the note's number is just
		// below where the link lands.
		if c.destY < n.y1 || c.destY-n.y1 > 15 {
			t.Errorf("call %d leads to y=%.1f, its note's number is at %.1f–%.1f", i+1, c.destY, n.y0, n.y1)
		}
		// The note's number leads back up to its call.
		if n.destY < c.y1 || n.destY-c.y1 > 40 {
			t.Errorf("note %d leads back to y=%.1f, its call is at %.1f–%.1f", i+1, n.destY, c.y0, c.y1)
		}
	}
}

// webpSolid encodes a w×h image of one colour as a lossless WebP: a
// VP8L bitstream whose five prefix codes each have one symbol, so that
// every pixel takes no bits at all. x/image can decode WebP but not
// encode it, and no third-party image goes into the repository.
func webpSolid(w, h int, c color.NRGBA) []byte {
	var bits []bool
	put := func(v uint32, n int) {
		for i := 0; i < n; i++ {
			bits = append(bits, v>>i&1 == 1)
		}
	}
	put(uint32(w-1), 14)
	put(uint32(h-1), 14)
	put(1, 1) // alpha is used
	put(0, 3) // version
	put(0, 1) // no transform
	put(0, 1) // no colour cache
	put(0, 1) // no meta prefix codes
	for _, sym := range []uint8{c.G, c.R, c.B, c.A, 0} {
		put(1, 1) // a simple code
		put(0, 1) // of one symbol
		put(1, 1) // written in 8 bits
		put(uint32(sym), 8)
	}
	data := []byte{0x2f}
	for i := 0; i < len(bits); i += 8 {
		var b byte
		for k := 0; k < 8 && i+k < len(bits); k++ {
			if bits[i+k] {
				b |= 1 << k
			}
		}
		data = append(data, b)
	}
	if len(data)%2 == 1 {
		data = append(data, 0)
	}
	var out bytes.Buffer
	out.WriteString("RIFF")
	binary.Write(&out, binary.LittleEndian, uint32(4+8+len(data)))
	out.WriteString("WEBPVP8L")
	binary.Write(&out, binary.LittleEndian, uint32(len(data)))
	out.Write(data)
	return out.Bytes()
}

var imagePlacement = regexp.MustCompile(`q ([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm /I\w+ Do Q`)

func TestImages(t *testing.T) {
	wp := webpSolid(640, 200, color.NRGBA{200, 40, 40, 255})
	if m, err := webp.Decode(bytes.NewReader(wp)); err != nil || m.Bounds().Dx() != 640 {
		t.Fatalf("the test WebP does not decode: %v", err)
	}
	var jpg, gf bytes.Buffer
	if err := jpeg.Encode(&jpg, gradient(1600, 400), nil); err != nil { // wider than any measure
		t.Fatal(err)
	}
	pal := image.NewPaletted(image.Rect(0, 0, 120, 3000), color.Palette{color.White, color.Black}) // taller than any page
	for y := 0; y < 3000; y += 2 {
		for x := 0; x < 120; x++ {
			pal.SetColorIndex(x, y, 1)
		}
	}
	if err := gif.Encode(&gf, pal, nil); err != nil {
		t.Fatal(err)
	}
	filler := strings.Repeat("Words before the figure, enough of them to push it down the page. ", 9)
	caption := func(s string) []render.Inline { return []render.Inline{&render.Text{Text: s}} }
	doc := &render.Document{Meta: render.Meta{Title: "Figures", Lang: "en"}, Blocks: []render.Block{
		render.Para(filler),
		&render.Image{Src: "a.webp", Data: wp, Alt: "a red band", Caption: caption("Caption of the WebP figure.")},
		render.Para(filler),
		&render.Image{Src: "b.jpg", Data: jpg.Bytes(), Alt: "a wide gradient", Caption: caption("Caption of the wide JPEG figure.")},
		render.Para(filler),
		&render.Image{Src: "c.gif", Data: gf.Bytes(), Alt: "tall stripes", Caption: caption("Caption of the tall GIF figure.")},
		render.Para(filler),
		&render.Image{Src: "d.png", Data: pngBytes(t, gradient(300, 200)), Alt: "a gradient", Caption: caption("Caption of the PNG figure.")},
	}}
	for _, size := range []string{"a4", "a5"} {
		data, warnings := renderDoc(t, doc, size)
		if len(warnings) > 0 {
			t.Errorf("%s: warnings %v", size, warnings)
		}
		path := writeTemp(t, data)
		g, _ := printlayout.PageGeometry(size)
		qdf := path + ".qdf"
		if out, err := exec.Command(need(t, "qpdf"), "--qdf", "--object-streams=disable", path, qdf).CombinedOutput(); err != nil {
			t.Fatalf("qpdf: %v\n%s", err, out)
		}
		placed := imagePlacement.FindAllStringSubmatch(run(t, "cat", qdf), -1)
		if len(placed) != 4 {
			t.Fatalf("%s: %d images drawn, want 4 (WebP, JPEG, GIF, PNG)", size, len(placed))
		}
		for i, m := range placed {
			w, _ := strconv.ParseFloat(m[1], 64)
			h, _ := strconv.ParseFloat(m[2], 64)
			x, _ := strconv.ParseFloat(m[3], 64)
			if w > g.Measure()+0.01 || x < g.Left-0.01 || x+w > g.Width-g.Right+0.01 {
				t.Errorf("%s: image %d is %.1f wide at x=%.1f: outside the measure %.1f–%.1f", size, i, w, x, g.Left, g.Width-g.Right)
			}
			if h > printlayout.MaxFigureHeight*g.Frame()+0.01 {
				t.Errorf("%s: image %d is %.1f tall, more than %.0f%% of the text block", size, i, h, 100*printlayout.MaxFigureHeight)
			}
		}
		// Each picture is on the page of its caption.
		list := run(t, "pdfimages", "-list", path)
		var imgPages []int
		for _, line := range strings.Split(list, "\n")[2:] {
			if f := strings.Fields(line); len(f) > 2 && f[2] == "image" {
				p, _ := strconv.Atoi(f[0])
				imgPages = append(imgPages, p)
			}
		}
		pages := pageTexts(t, path)
		for i, name := range []string{"WebP", "wide JPEG", "tall GIF", "PNG"} {
			want := "Caption of the " + name + " figure."
			capPage := 0
			for p, text := range pages {
				if strings.Contains(strings.Join(strings.Fields(text), " "), want) {
					capPage = p + 1
				}
			}
			if i >= len(imgPages) || capPage != imgPages[i] {
				t.Errorf("%s: the %s is on page %v, its caption on page %d", size, name, imgPages, capPage)
			}
		}
	}
}

// TestPaginationRules renders articles whose length varies a line at a
// time, so that every rule meets a page break somewhere: a heading is
// never the last line of a page, the author block stays on one page, and
// a paragraph leaves at least two lines on each side of a page break.
func TestPaginationRules(t *testing.T) {
	sentence := "This sentence is one of many that make the paragraphs of this article long enough to break across pages. "
	for n := 0; n < 14; n++ {
		doc := &render.Document{Meta: render.Meta{Title: "Pagination", Lang: "en",
			Authors: []render.Author{{Name: "Pat Writer", Bio: "Pat Writer writes long articles about pagination, and this bio is long enough to take two or three lines at the foot of the article."}}}}
		doc.Blocks = append(doc.Blocks, render.Para(strings.Repeat(sentence, 3+n)))
		for s := 1; s <= 4; s++ {
			doc.Blocks = append(doc.Blocks,
				&render.Heading{Level: 2, Text: []render.Inline{&render.Text{Text: fmt.Sprintf("Section heading number %d", s)}}},
				render.Para(strings.Repeat(sentence, 5+s)), render.Para(strings.Repeat(sentence, 2)))
		}
		data, _ := renderDoc(t, doc, "a5")
		path := writeTemp(t, data)
		pages := pageTexts(t, path)
		for p, text := range pages {
			var lines []string
			for _, l := range strings.Split(text, "\n") {
				if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "page ") && l != "Pagination" {
					lines = append(lines, l)
				}
			}
			if len(lines) == 0 {
				continue
			}
			last := lines[len(lines)-1]
			if strings.HasPrefix(last, "Section heading") || last == "About the author" {
				t.Errorf("variant %d: page %d ends with the heading %q", n, p+1, last)
			}
			if strings.HasSuffix(last, "-") && !strings.HasSuffix(last, "--") && p < len(pages)-1 {
				t.Errorf("variant %d: page %d ends in the middle of a word: %q", n, p+1, last)
			}
			if strings.Contains(text, "About the author") && !strings.Contains(text, "foot of the article.") {
				t.Errorf("variant %d: the author block is split after page %d", n, p+1)
			}
		}
		// Orphans and widows: read each page's lines of body text with
		// their paragraph; pdftotext -layout keeps the blank lines between
		// paragraphs.
		for p := 0; p+1 < len(pages); p++ {
			tail := paraLines(pages[p], false)
			head := paraLines(pages[p+1], true)
			if tail == 1 && head > 0 && !strings.HasSuffix(strings.TrimSpace(lastLine(pages[p])), ".") {
				t.Errorf("variant %d: an orphan at the foot of page %d", n, p+1)
			}
			if head == 1 && !endsParagraph(pages[p]) {
				t.Errorf("variant %d: a widow at the top of page %d", n, p+2)
			}
		}
	}
}

// bodyLines are a page's lines of text without the running head and folio.
func bodyLines(page string) []string {
	var out []string
	for _, l := range strings.Split(page, "\n") {
		if s := strings.TrimSpace(l); strings.HasPrefix(s, "page ") || s == "Pagination" {
			continue
		}
		out = append(out, l)
	}
	for len(out) > 0 && strings.TrimSpace(out[len(out)-1]) == "" {
		out = out[:len(out)-1]
	}
	for len(out) > 0 && strings.TrimSpace(out[0]) == "" {
		out = out[1:]
	}
	return out
}

// paraLines counts the lines of the paragraph at the top (or foot) of a
// page: the lines up to the first (from the last) blank line.
func paraLines(page string, top bool) int {
	lines := bodyLines(page)
	n := 0
	for i := range lines {
		l := lines[i]
		if !top {
			l = lines[len(lines)-1-i]
		}
		if strings.TrimSpace(l) == "" {
			break
		}
		n++
	}
	return n
}

func lastLine(page string) string {
	lines := bodyLines(page)
	if len(lines) == 0 {
		return ""
	}
	return lines[len(lines)-1]
}

// endsParagraph says whether the page's last line ends a sentence, and so
// (in these articles) a paragraph.
func endsParagraph(page string) bool {
	return strings.HasSuffix(strings.TrimSpace(lastLine(page)), ".")
}
