package text

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/read"
)

// readDoc runs the registered reader, as the CLI does.
func readDoc(t *testing.T, s string) *render.Document {
	t.Helper()
	r, ok := read.Lookup("text")
	if !ok {
		t.Fatal(`reader "text" is not registered`)
	}
	doc, err := r.Read(s, read.Options{Lang: "en"})
	if err != nil {
		t.Fatalf("Read(%q): %v", s, err)
	}
	return doc
}

// shape describes the blocks compactly: "p:text", "h2:text",
// "ul:[a|b]", "ol:3:[a|b]".
func shape(doc *render.Document) []string {
	var out []string
	for _, b := range doc.Blocks {
		switch b := b.(type) {
		case *render.Paragraph:
			out = append(out, "p:"+render.Plain(b.Text))
		case *render.Heading:
			out = append(out, fmt.Sprintf("h%d:%s", b.Level, render.Plain(b.Text)))
		case *render.List:
			var items []string
			for _, it := range b.Items {
				var parts []string
				for _, ib := range it {
					parts = append(parts, render.Plain(ib.(*render.Paragraph).Text))
				}
				items = append(items, strings.Join(parts, "/"))
			}
			kind := "ul:"
			if b.Ordered {
				kind = "ol:"
				if b.Start != 0 {
					kind += strconv.Itoa(b.Start) + ":"
				}
			}
			out = append(out, kind+"["+strings.Join(items, "|")+"]")
		case *render.CodeBlock:
			out = append(out, "code:"+b.Text)
		default:
			out = append(out, fmt.Sprintf("%T", b))
		}
	}
	return out
}

func TestRegistration(t *testing.T) {
	r, ok := read.Lookup("text")
	if !ok {
		t.Fatal("not registered")
	}
	if got, err := read.Detect("notes.TXT", "anything"); err != nil || got.Name() != "text" {
		t.Errorf("Detect(.TXT) = %v, %v; want the text reader", got, err)
	}
	if got, err := read.Detect("notes.text", "anything"); err != nil || got.Name() != "text" {
		t.Errorf("Detect(.text) = %v, %v; want the text reader", got, err)
	}
	if s := r.Sniff("Some words.\n"); s <= 0 || s > 0.2 {
		t.Errorf("Sniff(prose) = %v; want a low fallback score", s)
	}
	if s := r.Sniff(" \n\t"); s != 0 {
		t.Errorf("Sniff(blank) = %v; want 0", s)
	}
}

type seedTruth struct {
	Title      string   `json:"title"`
	Byline     string   `json:"byline"`
	Paragraphs []string `json:"paragraphs"`
	Bio        []string `json:"bio"`
	Junk       []string `json:"junk"`
}

// TestSeed: the user's real sample must come out exactly as the careful
// human reading in testdata/seed-truth.json.
func TestSeed(t *testing.T) {
	data, err := os.ReadFile("../../../samples/russia-ukraine-ceasefire.txt")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/seed-truth.json")
	if err != nil {
		t.Fatal(err)
	}
	var truth seedTruth
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	doc := readDoc(t, string(data))
	if doc.Title != truth.Title {
		t.Errorf("title = %q; want %q", doc.Title, truth.Title)
	}
	wantAuthors := []render.Author{{Name: truth.Byline, Bio: strings.Join(truth.Bio, "\n\n")}}
	if !reflect.DeepEqual(doc.Authors, wantAuthors) {
		t.Errorf("authors = %+v; want %+v", doc.Authors, wantAuthors)
	}
	if doc.Lang != "en" || doc.Date != "" {
		t.Errorf("lang, date = %q, %q; want en and none", doc.Lang, doc.Date)
	}
	if len(doc.Blocks) != len(truth.Paragraphs) {
		t.Fatalf("%d blocks; want %d paragraphs: %q", len(doc.Blocks), len(truth.Paragraphs), shape(doc))
	}
	for i, b := range doc.Blocks {
		p, ok := b.(*render.Paragraph)
		if !ok || len(p.Text) != 1 {
			t.Errorf("block %d is %T with %d runs; want a paragraph of one text run", i, b, len(p.Text))
			continue
		}
		if got := p.Text[0].(*render.Text).Text; got != truth.Paragraphs[i] {
			t.Errorf("paragraph %d:\n got %q\nwant %q", i+1, got, truth.Paragraphs[i])
		}
	}
	all := strings.Join(modelText(doc), "\n")
	for _, j := range truth.Junk {
		if strings.Contains(all, j) {
			t.Errorf("junk %q is in the model", j)
		}
	}
}

func TestLangPassedThrough(t *testing.T) {
	r, _ := read.Lookup("text")
	for _, lang := range []string{"", "en", "pt-BR"} {
		doc, err := r.Read("A Title\n\nSome text.", read.Options{Lang: lang})
		if err != nil || doc.Lang != lang {
			t.Errorf("Lang %q: got %v, %v", lang, doc, err)
		}
	}
}

func TestTitle(t *testing.T) {
	long := strings.Repeat("word ", 45) + "end"
	tests := []struct {
		name, in, title string
		blocks          []string
	}{
		{"first line", "Markets Rally Again\n\nStocks rose on Monday.", "Markets Rally Again",
			[]string{"p:Stocks rose on Monday."}},
		{"exact repeat dropped", "Markets Rally Again\n\nMarkets Rally Again\n\nStocks rose.", "Markets Rally Again",
			[]string{"p:Stocks rose."}},
		{"case and space repeat dropped", "Markets Rally  Again\nMARKETS RALLY AGAIN\nStocks rose.", "Markets Rally  Again",
			[]string{"p:Stocks rose."}},
		{"question title", "Is the Rally Over?\nStocks fell.", "Is the Rally Over?", []string{"p:Stocks fell."}},
		{"initialism at the end", "What Winter Does to N.Y.C.\nPipes burst.", "What Winter Does to N.Y.C.", []string{"p:Pipes burst."}},
		{"doubled title under a kicker", "World\nHeat Grips Southern Europe\n\nHeat Grips Southern Europe\n\nFires burned. Heat Grips Southern Europe Crews fought on.",
			"Heat Grips Southern Europe", []string{"p:World", "p:Fires burned. Crews fought on."}},
		{"a doubled line in the body is not the title", "Lorem Test\n\nLorem\n\nThe body starts here, with a sentence.\n\nSee Also\n\nSee Also\n",
			"Lorem Test", []string{"p:Lorem", "p:The body starts here, with a sentence.", "p:See Also", "p:See Also"}},
		{"sentence is not a title", "Stocks rose on Monday.\nThey fell on Tuesday.", "",
			[]string{"p:Stocks rose on Monday.", "p:They fell on Tuesday."}},
		{"too long for a title", long + "\nMore text.", "", []string{"p:" + long, "p:More text."}},
		{"later repeat kept", "Markets Rally Again\nStocks rose.\nMarkets Rally Again\nThey fell.", "Markets Rally Again",
			[]string{"p:Stocks rose.", "p:Markets Rally Again", "p:They fell."}},
		{"leaked between sentences", "Markets Rally Again in Tokyo\n\nStocks rose. Markets Rally Again in Tokyo The yen fell.",
			"Markets Rally Again in Tokyo", []string{"p:Stocks rose. The yen fell."}},
		{"leaked after a quote", "Markets Rally Again in Tokyo\n\nHe said “buy.” Markets Rally Again in Tokyo “Sell,” she said.",
			"Markets Rally Again in Tokyo", []string{"p:He said “buy.” “Sell,” she said."}},
		{"title as a sentence subject kept", "Markets Rally Again in Tokyo\n\nStocks rose. Markets Rally Again in Tokyo was the headline.",
			"Markets Rally Again in Tokyo", []string{"p:Stocks rose. Markets Rally Again in Tokyo was the headline."}},
		{"title inside a sentence kept", "Markets Rally Again in Tokyo\n\nThe paper ran Markets Rally Again in Tokyo Today as its lead.",
			"Markets Rally Again in Tokyo", []string{"p:The paper ran Markets Rally Again in Tokyo Today as its lead."}},
		{"title after a colon kept", "Markets Rally Again in Tokyo\n\nThe headline: Markets Rally Again in Tokyo Whatever.",
			"Markets Rally Again in Tokyo", []string{"p:The headline: Markets Rally Again in Tokyo Whatever."}},
		{"short title never cut", "Tokyo\n\nWe flew out. Tokyo Was next.", "Tokyo", []string{"p:We flew out. Tokyo Was next."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := readDoc(t, tc.in)
			if doc.Title != tc.title {
				t.Errorf("title = %q; want %q", doc.Title, tc.title)
			}
			if got := shape(doc); !reflect.DeepEqual(got, tc.blocks) {
				t.Errorf("blocks = %q; want %q", got, tc.blocks)
			}
		})
	}
}

func TestParagraphs(t *testing.T) {
	wrapped := "The committee met on Tuesday to discuss the budget and\n" +
		"the timetable for the new library, which has been delayed\n" +
		"twice since the spring.\n\n" +
		"Members agreed that the work should resume in the autumn,\n" +
		"once the contractor has confirmed its well-\n" +
		"known schedule.\n"
	wrappedWant := []string{
		"p:The committee met on Tuesday to discuss the budget and the timetable for the new library, which has been delayed twice since the spring.",
		"p:Members agreed that the work should resume in the autumn, once the contractor has confirmed its well-known schedule.",
	}
	tests := []struct {
		name, in string
		blocks   []string
	}{
		{"one paragraph per line", "Headline Here\nFirst paragraph.\nSecond paragraph.\nThird paragraph.",
			[]string{"p:First paragraph.", "p:Second paragraph.", "p:Third paragraph."}},
		{"CRLF", "Headline Here\r\n\r\nFirst paragraph.\r\nSecond paragraph.\r\n",
			[]string{"p:First paragraph.", "p:Second paragraph."}},
		{"CR", "Headline Here\r\rFirst paragraph.\rSecond paragraph.\r",
			[]string{"p:First paragraph.", "p:Second paragraph."}},
		{"blank-line separated", "Headline Here\n\nFirst paragraph.\n\n\n\nSecond paragraph.\n",
			[]string{"p:First paragraph.", "p:Second paragraph."}},
		{"hard-wrapped blocks joined", "Headline Here\n\n" + wrapped, wrappedWant},
		{"hard-wrapped with CRLF", "Headline Here\r\n\r\n" + strings.ReplaceAll(wrapped, "\n", "\r\n"), wrappedWant},
		{"trailing blanks trimmed, inner kept", "Headline Here\nOne  two\u00a0three. \t\n\tFour:  five.\t\t\n",
			[]string{"p:One  two\u00a0three.", "p:Four:  five."}},
		{"long lines are paragraphs even without full stops",
			"Headline Here\n" + strings.Repeat("a long line of prose that goes on ", 6) + "and on\n" +
				strings.Repeat("another long line of prose going on ", 6) + "and on\n",
			[]string{"p:" + strings.Repeat("a long line of prose that goes on ", 6) + "and on",
				"p:" + strings.Repeat("another long line of prose going on ", 6) + "and on"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := readDoc(t, tc.in)
			if doc.Title != "Headline Here" {
				t.Errorf("title = %q", doc.Title)
			}
			if got := shape(doc); !reflect.DeepEqual(got, tc.blocks) {
				t.Errorf("blocks =\n %q\nwant\n %q", got, tc.blocks)
			}
		})
	}
}

func TestBylinesAndDatelines(t *testing.T) {
	type A = render.Author
	tests := []struct {
		name, in string
		authors  []A
		date     string
		blocks   []string
	}{
		{"By NAME", "A Good Title\nBy Jane Doe\nThe text.", []A{{Name: "Jane Doe"}}, "", []string{"p:The text."}},
		{"by two names", "A Good Title\n\nby Jane Doe and John Q. Smith\n\nThe text.",
			[]A{{Name: "Jane Doe"}, {Name: "John Q. Smith"}}, "", []string{"p:The text."}},
		{"three names, Oxford comma", "A Good Title\nBy Jane Doe, Ali bin Said, and Ann de la Cruz\nThe text.",
			[]A{{Name: "Jane Doe"}, {Name: "Ali bin Said"}, {Name: "Ann de la Cruz"}}, "", []string{"p:The text."}},
		{"name with role", "A Good Title\nBy Jane Doe, Staff Writer\nThe text.", []A{{Name: "Jane Doe"}}, "", []string{"p:The text."}},
		{"name and date", "A Good Title\nBy Jane Doe | May 17, 2025\nThe text.", []A{{Name: "Jane Doe"}}, "2025-05-17", []string{"p:The text."}},
		{"dateline", "A Good Title\nMay 17, 2025\nThe text.", []A{}, "2025-05-17", []string{"p:The text."}},
		{"labelled dateline before byline", "A Good Title\n\nPublished: 17 May 2025\n\nBy JANE DOE\n\nThe text.",
			[]A{{Name: "JANE DOE"}}, "2025-05-17", []string{"p:The text."}},
		{"published and updated: first wins", "A Good Title\nPublished 2025-05-17 | Updated 2025-05-18\nThe text.",
			[]A{}, "2025-05-17", []string{"p:The text."}},
		{"dateline with time", "A Good Title\nUpdated Saturday, Sept. 6, 2025, 3:04 p.m. ET\nThe text.",
			[]A{}, "2025-09-06", []string{"p:The text."}},
		{"a sentence starting with By stays", "A Good Title\nBy the time we arrived, the talks were over.\nThe text.",
			[]A{}, "", []string{"p:By the time we arrived, the talks were over.", "p:The text."}},
		{"a sentence starting with a date stays", "A Good Title\nMay 17, 2025 was a quiet day.\nThe text.",
			[]A{}, "", []string{"p:May 17, 2025 was a quiet day.", "p:The text."}},
		{"byline far down stays", "A Good Title\nOne.\nTwo.\nThree.\nFour.\nFive.\nSix.\nBy Jane Doe\nThe end.",
			[]A{}, "", []string{"p:One.", "p:Two.", "p:Three.", "p:Four.", "p:Five.", "p:Six.", "p:By Jane Doe", "p:The end."}},
		{"by NAME wrapped inside a sentence stays",
			"A Good Title\n\nThe novel that everyone in the book club liked was written\nby Jane Doe and John Smith\nin the summer of 1990, long before any of them met.\n\nIt was reprinted twice since then and sold well in\nmany countries across the world, we are told.\n",
			[]A{}, "", []string{
				"p:The novel that everyone in the book club liked was written by Jane Doe and John Smith in the summer of 1990, long before any of them met.",
				"p:It was reprinted twice since then and sold well in many countries across the world, we are told."}},
		{"author box with bullet and indented bio",
			"A Good Title\n\nThe text.\n\nAuthor\n\n  • Dr. Jane Doe\n\n    Jane Doe is a historian at a university.\n",
			[]A{{Name: "Dr. Jane Doe", Bio: "Jane Doe is a historian at a university."}}, "", []string{"p:The text."}},
		{"About the author: bio joins the byline's author",
			"A Good Title\nBy Jane Doe\nThe text.\nAbout the Author:\nShe has reported from Kyiv since 2014.\n",
			[]A{{Name: "Jane Doe", Bio: "She has reported from Kyiv since 2014."}}, "", []string{"p:The text."}},
		{"About the author inline, named by the bio",
			"A Good Title\nThe text.\nAbout the author: Jane Doe is a reporter.\n",
			[]A{{Name: "Jane Doe", Bio: "Jane Doe is a reporter."}}, "", []string{"p:The text."}},
		{"Authors: names first, bios after, matched by name",
			"A Good Title\nThe text.\nAuthors\n- Jane Doe\n- John Smith\nSmith writes about trade.\nJane Doe covers courts.\n",
			[]A{{Name: "Jane Doe", Bio: "Jane Doe covers courts."}, {Name: "John Smith", Bio: "Smith writes about trade."}},
			"", []string{"p:The text."}},
		{"Authors: name, bio, name, bio",
			"A Good Title\nBy Jane Doe and John Smith\nThe text.\nAbout the authors\nJohn Smith\nHe writes about trade.\nJane Doe\nShe covers courts.\nShe lives in Leeds.\n",
			[]A{{Name: "Jane Doe", Bio: "She covers courts.\n\nShe lives in Leeds."}, {Name: "John Smith", Bio: "He writes about trade."}},
			"", []string{"p:The text."}},
		{"a long section after Authors is article text",
			"A Good Title\nThe text.\nAuthors\n" + strings.Repeat("Authors wrote this line.\n", 13),
			[]A{}, "", append([]string{"p:The text.", "p:Authors"}, strings.Split(strings.Repeat("p:Authors wrote this line.\n", 13), "\n")[:13]...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := readDoc(t, tc.in)
			if doc.Title != "A Good Title" {
				t.Errorf("title = %q", doc.Title)
			}
			if !reflect.DeepEqual(doc.Authors, tc.authors) {
				t.Errorf("authors = %+v; want %+v", doc.Authors, tc.authors)
			}
			if doc.Date != tc.date {
				t.Errorf("date = %q; want %q", doc.Date, tc.date)
			}
			if got := shape(doc); !reflect.DeepEqual(got, tc.blocks) {
				t.Errorf("blocks =\n %q\nwant\n %q", got, tc.blocks)
			}
		})
	}
}

func TestParseDateline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"May 17, 2025", "2025-05-17"},
		{"17 May 2025", "2025-05-17"},
		{"17th of May, 2025", "2025-05-17"},
		{"2025-05-17", "2025-05-17"},
		{"2025-05-17T08:30:00Z", "2025-05-17"},
		{"2025/5/7", "2025-05-07"},
		{"Published: May 17, 2025", "2025-05-17"},
		{"Published on 3 Feb 2024 10:15 GMT", "2024-02-03"},
		{"Updated Jan. 9, 2023 at 9:00 AM", "2023-01-09"},
		{"Last updated: Sat 17 May 2025", "2025-05-17"},
		{"May 2025", ""},
		{"May the best team win", ""},
		{"17 May 2025 was a quiet day", ""},
		{"February 30, 2024", ""},
		{"2025-13-01", ""},
		{"2025-05/17", ""},
		{"Published by Penguin", ""},
	}
	for _, tc := range tests {
		got, ok := parseDateline(tc.in)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("parseDateline(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

func TestJunk(t *testing.T) {
	tests := []struct {
		name, in string
		blocks   []string
	}{
		{"one-line CSS", "A Good Title\nThe text.\n#pf-body #pf-header-img{max-height:100%;} #pf-body #pf-title { margin-bottom: 2rem; color: white;}#pf-src{display:none;}\n",
			[]string{"p:The text."}},
		{"CSS with @media", "A Good Title\nThe text.\n@media print { .ad, .nav { display: none !important; } }\n",
			[]string{"p:The text."}},
		{"CSS over several lines", "A Good Title\n\n.byline a,\n.byline a:hover {\n  color: #333;\n  text-decoration: none;\n}\n\nThe text.\n",
			[]string{"p:The text."}},
		{"CSS block", "A Good Title\n\n.byline a {\n  color: #333;\n  background: url(http://x/y.png);\n}\n\nThe text.\n",
			[]string{"p:The text."}},
		{"script lines", "A Good Title\n" +
			"window.dataLayer = window.dataLayer || [];\n" +
			"function gtag(){dataLayer.push(arguments);}\n" +
			"gtag('js', new Date());\n" +
			"var pageId = 'abc-123';\n" +
			"(adsbygoogle = window.adsbygoogle || []).push({});\n" +
			"googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); });\n" +
			"});\n" +
			"<script async src=\"https://x/y.js\"></script>\n" +
			"The text.\n",
			[]string{"p:The text."}},
		{"boilerplate lines", "Skip to content\nA Good Title\nShare this article\nADVERTISEMENT\nThe text.\n[Advertisement]\nStory continues below advertisement\nMore text.\nClick here to subscribe\nShare this:\n",
			[]string{"p:The text.", "p:More text."}},
		{"a call to action is the article's own words", "A Good Title\nThe text.\nSIGN UP FOR OUR NEWSLETTER\nMore text.\nRead more:\n",
			[]string{"p:The text.", "p:SIGN UP FOR OUR NEWSLETTER", "p:More text.", "p:Read more:"}},
		{"script between sentences is a code sample, kept", "A Good Title\nWe load the widget like this:\n" +
			"  \"use strict\";\n" +
			"  var w = new Widget();\n" +
			"  if (ready)\n" +
			"      w.render(el, { size: 2 });\n" +
			"\n" +
			"  w.show();\n" +
			"Then it renders itself.\n",
			[]string{"p:We load the widget like this:",
				"code:\"use strict\";\nvar w = new Widget();\nif (ready)\n    w.render(el, { size: 2 });\n\nw.show();",
				"p:Then it renders itself."}},
		{"tracking code between sentences is still junk", "A Good Title\nWe load the widget like this.\n" +
			"window.dataLayer = window.dataLayer || [];\n" +
			"Then it renders itself.\n",
			[]string{"p:We load the widget like this.", "p:Then it renders itself."}},
		{"markup lines at the end are junk, a sentence about tags is not", "A Good Title\nUse <ul> for lists, not <p>.\n" +
			"<div class=\"share\">\n<a href=\"/x\">Tweet</a>\n</div>\n",
			[]string{"p:Use <ul> for lists, not <p>."}},
		{"prose about CSS and ads kept", "A Good Title\n" +
			"The site's CSS {color: red} rule, she said, was the problem.\n" +
			"Advertisement revenue fell by half; the paper cut staff (again).\n" +
			"Read more about it in the annual report.\n" +
			"The ratio (a = b) holds {mostly};\n",
			[]string{
				"p:The site's CSS {color: red} rule, she said, was the problem.",
				"p:Advertisement revenue fell by half; the paper cut staff (again).",
				"p:Read more about it in the annual report.",
				"p:The ratio (a = b) holds {mostly};"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := readDoc(t, tc.in)
			if doc.Title != "A Good Title" {
				t.Errorf("title = %q", doc.Title)
			}
			if got := shape(doc); !reflect.DeepEqual(got, tc.blocks) {
				t.Errorf("blocks =\n %q\nwant\n %q", got, tc.blocks)
			}
		})
	}
}

func TestHeadingsAndLists(t *testing.T) {
	para := "The ministers met for three hours and issued a short statement afterwards."
	tests := []struct {
		name, in string
		blocks   []string
	}{
		{"title-case heading", "A Good Title\n" + para + "\nWhat the Ministers Agreed\n" + para,
			[]string{"p:" + para, "h2:What the Ministers Agreed", "p:" + para}},
		{"capitals heading", "A Good Title\n\n" + para + "\n\nTHE BACKGROUND\n\n" + para,
			[]string{"p:" + para, "h2:THE BACKGROUND", "p:" + para}},
		{"one word stays a paragraph", "A Good Title\n\n" + para + "\n\nBackground\n\n" + para,
			[]string{"p:" + para, "p:Background", "p:" + para}},
		{"photo credit stays a paragraph", "A Good Title\n" + para + "\nPhoto by Jane Doe\n" + para,
			[]string{"p:" + para, "p:Photo by Jane Doe", "p:" + para}},
		{"agency credit stays a paragraph", "A Good Title\n" + para + "\nThomas Jackson/Digital Vision/Getty Images\n" + para,
			[]string{"p:" + para, "p:Thomas Jackson/Digital Vision/Getty Images", "p:" + para}},
		{"date below the masthead stays a paragraph", "A Good Title\n" + strings.Repeat(para+"\n", 6) + "March 25, 2015\n" + para,
			append(strings.Split(strings.Repeat("p:"+para+"\n", 6), "\n")[:6], "p:March 25, 2015", "p:"+para)},
		{"single-slash credit stays a paragraph", "A Good Title\n" + para + "\nDevindra Hardawar/AOL\n" + para,
			[]string{"p:" + para, "p:Devindra Hardawar/AOL", "p:" + para}},
		{"after a caption stays a paragraph", "A Good Title\n" + para + "\nThe harbour at dawn\nSea Views Today\n" + para,
			[]string{"p:" + para, "p:The harbour at dawn", "p:Sea Views Today", "p:" + para}},
		{"sentence case stays a paragraph", "A Good Title\n" + para + "\nWhat the ministers agreed\n" + para,
			[]string{"p:" + para, "p:What the ministers agreed", "p:" + para}},
		{"followed by a short line stays a paragraph", "A Good Title\n" + para + "\nWhat the Ministers Agreed\nNothing.",
			[]string{"p:" + para, "p:What the Ministers Agreed", "p:Nothing."}},
		{"colon stays a paragraph", "A Good Title\n" + para + "\nThe Ministers Said:\n" + para,
			[]string{"p:" + para, "p:The Ministers Said:", "p:" + para}},
		{"heading at the end stays a paragraph", "A Good Title\n" + para + "\nWhat Comes Next",
			[]string{"p:" + para, "p:What Comes Next"}},
		{"heading on a wrapped block",
			"A Good Title\n\nThe ministers met for three hours on Tuesday and issued\na short statement afterwards, which said very little.\n\n" +
				"What They Agreed\nThe statement listed three points that both sides had\naccepted in principle, with details to follow later.\n",
			[]string{"p:The ministers met for three hours on Tuesday and issued a short statement afterwards, which said very little.",
				"h2:What They Agreed",
				"p:The statement listed three points that both sides had accepted in principle, with details to follow later."}},
		{"bullets", "A Good Title\nThey agreed on:\n- a ceasefire\n- an exchange of prisoners\n* talks in June\nThat was all.",
			[]string{"p:They agreed on:", "ul:[a ceasefire|an exchange of prisoners|talks in June]", "p:That was all."}},
		{"numbered", "A Good Title\nSteps:\n1. Mix.\n2. Bake.\n3. Eat.", []string{"p:Steps:", "ol:[Mix.|Bake.|Eat.]"}},
		{"numbered from 3", "A Good Title\nSteps:\n3) Mix.\n4) Bake.", []string{"p:Steps:", "ol:3:[Mix.|Bake.]"}},
		{"numbers that do not count up stay text", "A Good Title\n1. Mix.\n3. Bake.", []string{"p:1. Mix.", "p:3. Bake."}},
		{"a list ends where the numbers stop counting", "A Good Title\n1. Mix.\n2. Bake.\n7. Eat.\n8. Sleep.",
			[]string{"ol:[Mix.|Bake.]", "ol:7:[Eat.|Sleep.]"}},
		{"a lone dash stays text", "A Good Title\n- said nobody, ever.", []string{"p:- said nobody, ever."}},
		{"a lone bullet is a list", "A Good Title\n• one point", []string{"ul:[one point]"}},
		{"a plus sign is a word, not a bullet", "A Good Title\n+ Added slime blocks\n+ Added iron trapdoors",
			[]string{"p:+ Added slime blocks\n+ Added iron trapdoors"}},
		{"a change log keeps its signs", "A Good Title\nChanges:\n+ Added slime blocks\n* Anvils rebalanced\n* Faster client\n- Removed Herobrine\nThat is all.",
			[]string{"p:Changes:", "p:+ Added slime blocks\n* Anvils rebalanced\n* Faster client\n- Removed Herobrine", "p:That is all."}},
		{"wrapped items", "A Good Title\n\nThe agreement covers the following points, all of which\nwere discussed at length during the meeting:\n\n- a ceasefire along the whole of the\n  front line\n- an exchange of prisoners\n",
			[]string{"p:The agreement covers the following points, all of which were discussed at length during the meeting:",
				"ul:[a ceasefire along the whole of the front line|an exchange of prisoners]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := readDoc(t, tc.in)
			if got := shape(doc); !reflect.DeepEqual(got, tc.blocks) {
				t.Errorf("blocks =\n %q\nwant\n %q", got, tc.blocks)
			}
		})
	}
}

// words splits text into words, punctuation and markers aside.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// modelText is every text the model holds, in reading order: title,
// body (ordered list items with their numbers), then the authors' names
// and then their bios, as an author box lists them.
func modelText(doc *render.Document) []string {
	out := []string{doc.Title}
	var walk func([]render.Block)
	walk = func(bs []render.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *render.Paragraph:
				out = append(out, render.Plain(b.Text))
			case *render.Heading:
				out = append(out, render.Plain(b.Text))
			case *render.CodeBlock:
				out = append(out, b.Text)
			case *render.List:
				for k, it := range b.Items {
					if b.Ordered {
						out = append(out, strconv.Itoa(max(b.Start, 1)+k))
					}
					walk(it)
				}
			}
		}
	}
	walk(doc.Blocks)
	for _, a := range doc.Authors {
		out = append(out, a.Name)
	}
	for _, a := range doc.Authors {
		out = append(out, a.Bio)
	}
	return out
}

func modelWords(doc *render.Document) []string {
	return words(strings.Join(modelText(doc), "\n"))
}

// missingWord is the first input word that is not in the model in order.
func missingWord(in, model []string) (string, bool) {
	j := 0
	for _, w := range in {
		for j < len(model) && model[j] != w {
			j++
		}
		if j == len(model) {
			return w, true
		}
		j++
	}
	return "", false
}

// TestNoWordLost: every word of the input that is not furniture (the
// lines a case names as junk, byline, dateline, repeated title or author
// heading, and the leaked title it names) is in the model, in order.
func TestNoWordLost(t *testing.T) {
	seed, err := os.ReadFile("../../../samples/russia-ukraine-ceasefire.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in  string
		furniture []string // whole lines, matched trimmed
		leaked    string   // removed once from the text
	}{
		{"seed", string(seed), []string{
			"Russia and Ukraine Clash Over Ceasefire Terms", "Author",
			"#pf-body #pf-header-img{max-height:100%;} #pf-body #pf-title { margin-bottom: 2rem; margin-top: 0; font-size: 24px; padding: 30px 10px; background: #222222; color: white; text-align: center; border-radius: 5px;}#pf-src{display:none;}",
		}, "Russia and Ukraine Clash Over Ceasefire Terms Though"},
		{"wrapped news story", "Council Approves New Budget\r\n\r\nBy Jane Doe, City Reporter\r\nMarch 3, 2024\r\n\r\n" +
			"The city council approved the budget on Monday after a\r\nlong debate that ran well into the night, with seven\r\nmembers voting in favour.\r\n\r\n" +
			"Advertisement\r\n\r\n" +
			"What Changes\r\nSpending on parks rises by a tenth, while the roads\r\nbudget is cut for the second year in a row.\r\n\r\n" +
			"- parks: up 10%\r\n- roads: down 4%\r\n\r\nShare this\r\n",
			[]string{"By Jane Doe, City Reporter", "March 3, 2024", "Advertisement", "Share this"}, ""},
		{"per-line with author box", "Ten Things About Owls\nOwls are birds.\n1. They hunt at night.\n2. They are quiet.\n" +
			"Some live in towns; most do not.\nAbout the authors\n• Ann Lee\n• Bo Chan\nAnn Lee studies birds.\nBo Chan draws them.\n" +
			"var x = 1;\n",
			[]string{"About the authors", "var x = 1;"}, ""},
		{"no title, odd spacing", "   Indented first sentence here.  \n\n\n\tTabbed second one, with “quotes” and ’apostrophes’.\t\n\u2028Third line after a separator.",
			nil, ""},
		{"code sample in a tech article", "Using Fetch\n\nThe fetch API returns a promise, which you can chain.\n\n" +
			"fetch('/data.json').then(function(res) {\n  if (res.ok)\n    return res.json();\n});\n\n" +
			"That is all there is to it, really.\n\nconsole.log('leftover');\n",
			[]string{"console.log('leftover');"}, ""},
		{"dense prose with braces and equals", "Notes\nWe set x = 3 (as before) and y = {1, 2};\nThen z = x + y;\nfunction names like f(x) are fine in prose.",
			nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := readDoc(t, tc.in)
			in := strings.Replace(tc.in, tc.leaked, lastWord(tc.leaked), 1)
			drop := map[string]bool{}
			for _, f := range tc.furniture {
				drop[f] = true
			}
			var kept []string
			dupTitle := doc.Title != ""
			for _, l := range strings.FieldsFunc(in, func(r rune) bool { return r == '\n' || r == '\r' || r == '\u2028' }) {
				l = strings.TrimSpace(l)
				if l == doc.Title && dupTitle { // the title itself is kept once
					dupTitle = false
					kept = append(kept, words(l)...)
					continue
				}
				if drop[l] {
					continue
				}
				kept = append(kept, words(l)...)
			}
			if w, missing := missingWord(kept, modelWords(doc)); missing {
				t.Errorf("word %q of the input is not in the model (in order); model: %q", w, shape(doc))
			}
		})
	}
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// TestManyInputs puts varied, awkward inputs through the reader: none may
// panic, the output must be the same on a second read, an error only when
// nothing is left, and prose-only inputs keep every word.
func TestManyInputs(t *testing.T) {
	inputs := []string{
		"", " ", "\n\n\n", "\r\r\r\n", "\ufeff", "}", "{}", "By", "By ", "Author", "Author\n", "Authors:\n",
		"About the author:", "- ", "1.", "1. ", "•", "Advertisement", "Share this\nADVERTISEMENT",
		"May 17, 2025", "By Jane Doe", "By Jane Doe\nMay 17, 2025",
		"Only A Title", "Only A Title\nOnly A Title", "x", "a.", "…", "“”", "😀 emoji only 😀",
		"مرحبا بالعالم\nهذه فقرة.", "日本語のタイトル\n本文です。",
		strings.Repeat("word ", 5000), strings.Repeat("Line.\n", 3000), strings.Repeat("\n", 1000) + "Late text.",
		strings.Repeat("- item\n", 50), strings.Repeat("9. item\n", 20), "Title\n\nTitle\n\nTitle",
		"Author\n• \n\n", "About the author: \n", "Authors\n- A B\n- C D\n", "x {a:b}\n.y{}\n{\n}\n",
		"function(){\n}\n", "Title\n\t\t\n \u00a0 \nBody.", "\x00\x01\x02 bytes", "A\rB\r\nC\nD",
		"Published:", "Updated ", "2025-02-29", "By Jane Doe, , and", "By , Staff Writer",
		"Title Here\nThe end. Title Here", "Title Here Again\nA. Title Here Again B",
	}
	r, _ := read.Lookup("text")
	for i, in := range inputs {
		name := fmt.Sprintf("%d", i)
		t.Run(name, func(t *testing.T) {
			var doc *render.Document
			var err error
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("panic on %q: %v", in, p)
					}
				}()
				doc, err = r.Read(in, read.Options{})
			}()
			if err != nil {
				if err.Error() != "no article text found" {
					t.Errorf("error %v", err)
				}
				return
			}
			if doc.Title == "" && len(doc.Blocks) == 0 {
				t.Errorf("no error but an empty document for %q", in)
			}
			again, _ := r.Read(in, read.Options{})
			a, _ := json.Marshal(doc)
			b, _ := json.Marshal(again)
			if string(a) != string(b) {
				t.Errorf("two reads differ:\n%s\n%s", a, b)
			}
		})
	}
	for _, in := range []string{"", " \n\t\n", "Advertisement\nShare this\n#a{color:red}\n"} {
		if _, err := r.Read(in, read.Options{}); err == nil {
			t.Errorf("Read(%q): no error; want one (nothing is left)", in)
		}
	}
}

// TestGeneratedProse mixes sentences, line endings, blank lines, indents
// and list markers; with no furniture in it, every word must survive.
func TestGeneratedProse(t *testing.T) {
	frags := []string{
		"The harbour was quiet that morning.", "Fishing boats sat idle at the quay,",
		"and the gulls had the market to themselves", "Prices rose again in April.",
		"- nets", "* ropes", "1. first", "2. second", "• floats",
		"What the Harbour Master Said", "REPAIRS", "He shrugged: “Next week, maybe.”",
		"well-", "known", "Nobody knew why the ferry was late; nobody asked.",
		"(see the notice on the door)", "a = b is not news", "x", "Her name was Ann Lee",
	}
	seps := []string{"\n", "\r\n", "\n\n", "\r", "\n  ", "\n\t", " \n"}
	state := uint32(7)
	next := func(n int) int { // xorshift: a fixed, reproducible sequence
		state ^= state << 13
		state ^= state >> 17
		state ^= state << 5
		return int(state % uint32(n))
	}
	r, _ := read.Lookup("text")
	for i := 0; i < 200; i++ {
		// Each fragment at most once: a repeated title line or a title
		// run into a paragraph is furniture, removed by design.
		order := make([]int, len(frags))
		for k := range order {
			order[k] = k
		}
		for k := len(order) - 1; k > 0; k-- {
			j := next(k + 1)
			order[k], order[j] = order[j], order[k]
		}
		var b strings.Builder
		for _, k := range order[:1+next(len(frags))] {
			b.WriteString(frags[k])
			b.WriteString(seps[next(len(seps))])
		}
		in := b.String()
		doc, err := r.Read(in, read.Options{})
		if err != nil {
			t.Fatalf("Read(%q): %v", in, err)
		}
		if w, missing := missingWord(words(in), modelWords(doc)); missing {
			t.Fatalf("word %q lost from %q: title %q, blocks %q", w, in, doc.Title, shape(doc))
		}
	}
}
