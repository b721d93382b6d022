package main

// End-to-end tests: the whole CLI over the bundled samples, judged by the
// same external tools a user would reach for (pdftotext, qpdf, EPUBCheck).

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/export"
)

// need returns the command line to run an external tool, skipping the test
// when the tool is absent, except under CI where its absence is a failure.
func need(t *testing.T, tool string) []string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI but not installed", tool)
		}
		t.Skipf("%s not installed", tool)
	}
	if tool == "epubcheck" {
		// Debian installs EPUBCheck as a bare jar.
		if real, err := filepath.EvalSymlinks(path); err == nil && strings.HasSuffix(real, ".jar") {
			return []string{"java", "-jar", real}
		}
	}
	return []string{path}
}

// offprint runs the CLI in-process and returns its exit status and stderr.
func offprint(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"offprint"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func samples(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"*.txt", "*.md", "*.markdown", "*.html", "*.htm"} {
		m, _ := filepath.Glob(filepath.Join("samples", pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no samples found in samples/")
	}
	return files
}

// words splits text into comparable words: each whitespace-separated
// token lower-cased with everything but letters and digits removed, so
// punctuation and hyphens do not matter ("war-torn" is "wartorn").
func words(s string) []string {
	var out []string
	for _, tok := range strings.Fields(strings.ToLower(s)) {
		if k := wordKey(tok); k != "" {
			out = append(out, k)
		}
	}
	return out
}

func wordKey(tok string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, tok)
}

// dehyphenate joins a word the PDF hyphenated at a line end ("negotia-" /
// "tions") when the joined word is one of the article's, as a reader does.
func dehyphenate(text string, vocab map[string]bool) string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, strings.TrimRight(l, " "))
		}
	}
	for i := 0; i+1 < len(lines); i++ {
		if !strings.HasSuffix(lines[i], "-") && !strings.HasSuffix(lines[i], "\u2010") {
			continue
		}
		head, tail := strings.Fields(lines[i]), strings.Fields(lines[i+1])
		if len(head) == 0 || len(tail) == 0 || !vocab[wordKey(strings.ToLower(head[len(head)-1]+tail[0]))] {
			continue
		}
		head[len(head)-1] += tail[0]
		lines[i] = strings.Join(head, " ")
		lines[i+1] = strings.Join(tail[1:], " ")
	}
	return strings.Join(lines, "\n")
}

// missingInOrder returns the first words of want that cannot be found, in
// order, in got (got may hold more: running heads, page numbers).
func missingInOrder(want, got []string) []string {
	i := 0
	for k, w := range want {
		for i < len(got) && got[i] != w {
			i++
		}
		if i == len(got) {
			end := min(k+8, len(want))
			return want[k:end]
		}
		i++
	}
	return nil
}

// articleText is every word the model holds, in reading order.
func articleText(doc *render.Document) string {
	var b strings.Builder
	b.WriteString(doc.Title + "\n")
	for _, a := range doc.Authors {
		b.WriteString(a.Name + "\n")
	}
	var walk func([]render.Block)
	walk = func(bs []render.Block) {
		for _, bl := range bs {
			switch bl := bl.(type) {
			case *render.Heading:
				b.WriteString(render.Plain(bl.Text) + "\n")
			case *render.Paragraph:
				b.WriteString(render.Plain(bl.Text) + "\n")
			case *render.Quote:
				walk(bl.Blocks)
			case *render.List:
				for _, it := range bl.Items {
					walk(it)
				}
			case *render.CodeBlock:
				b.WriteString(bl.Text + "\n")
			}
		}
	}
	walk(doc.Blocks)
	for _, a := range doc.Authors {
		b.WriteString(a.Bio + "\n")
	}
	return b.String()
}

func TestSamplesExport(t *testing.T) {
	for _, in := range samples(t) {
		t.Run(filepath.Base(in), func(t *testing.T) {
			out := t.TempDir()
			code, _, stderr := offprint(t, "", "export", "--pdf", "--epub", "-o", out, in)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			stem := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
			pdf, epub := filepath.Join(out, stem+".pdf"), filepath.Join(out, stem+".epub")
			doc, _, err := export.Load(in, export.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := words(articleText(doc))
			vocab := map[string]bool{}
			for _, w := range want {
				vocab[w] = true
			}

			t.Run("pdftotext gives back every word in order", func(t *testing.T) {
				pdftotext := need(t, "pdftotext")
				for _, mode := range [][]string{nil, {"-raw"}} {
					args := append(append(append([]string{}, pdftotext[1:]...), mode...), "-enc", "UTF-8", pdf, "-")
					text, err := exec.Command(pdftotext[0], args...).Output()
					if err != nil {
						t.Fatal(err)
					}
					if miss := missingInOrder(want, words(dehyphenate(string(text), vocab))); miss != nil {
						t.Errorf("pdftotext %v: lost words from %q on", mode, strings.Join(miss, " "))
					}
				}
			})
			t.Run("qpdf --check passes", func(t *testing.T) {
				qpdf := need(t, "qpdf")
				if out, err := exec.Command(qpdf[0], "--check", pdf).CombinedOutput(); err != nil {
					t.Errorf("qpdf --check: %v\n%s", err, out)
				}
			})
			t.Run("EPUBCheck is clean", func(t *testing.T) {
				ec := need(t, "epubcheck")
				if _, err := exec.LookPath("java"); err != nil && ec[0] == "java" {
					t.Skip("java not installed")
				}
				cmd := exec.Command(ec[0], append(ec[1:], "--json", "-", epub)...)
				raw, _ := cmd.Output()
				var rep struct {
					Messages []struct {
						Severity string `json:"severity"`
						ID       string `json:"ID"`
						Message  string `json:"message"`
					} `json:"messages"`
				}
				if i := bytes.IndexByte(raw, '{'); i < 0 || json.Unmarshal(raw[i:], &rep) != nil {
					t.Fatalf("EPUBCheck gave no report: %s", raw)
				}
				for _, m := range rep.Messages {
					if m.Severity == "ERROR" || m.Severity == "FATAL" || m.Severity == "WARNING" {
						t.Errorf("EPUBCheck %s %s: %s", m.Severity, m.ID, m.Message)
					}
				}
			})
			t.Run("a second run gives the same bytes", func(t *testing.T) {
				again := t.TempDir()
				if code, _, stderr := offprint(t, "", "export", "-o", again, in); code != 0 {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				for _, name := range []string{stem + ".pdf", stem + ".epub"} {
					if a, b := hashFile(t, filepath.Join(out, name)), hashFile(t, filepath.Join(again, name)); a != b {
						t.Errorf("%s differs between runs", name)
					}
				}
			})
		})
	}
}

func hashFile(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// The seed article read into the model must be what a careful human keeps:
// samples/*.truth.json beside it says what that is.
func TestSeedModelMatchesTruth(t *testing.T) {
	var truth struct {
		Title      string   `json:"title"`
		Byline     string   `json:"byline"`
		Paragraphs []string `json:"paragraphs"`
		Bio        []string `json:"bio"`
	}
	raw, err := os.ReadFile("samples/russia-ukraine-ceasefire.truth.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := offprint(t, "", "inspect", "samples/russia-ukraine-ceasefire.txt")
	if code != 0 {
		t.Fatalf("inspect exit %d: %s", code, stderr)
	}
	var got struct {
		Title   string `json:"title"`
		Lang    string `json:"lang"`
		Authors []struct {
			Name string `json:"name"`
			Bio  string `json:"bio"`
		} `json:"authors"`
		Blocks []struct {
			Type string `json:"type"`
			Text []struct {
				Text string `json:"text"`
			} `json:"text"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("inspect printed no JSON: %v", err)
	}
	if got.Title != truth.Title {
		t.Errorf("title %q, want %q", got.Title, truth.Title)
	}
	if got.Lang == "" {
		t.Error("no language")
	}
	if len(got.Authors) != 1 || got.Authors[0].Name != truth.Byline || got.Authors[0].Bio != strings.Join(truth.Bio, "\n\n") {
		t.Errorf("authors %+v, want %q with the bio", got.Authors, truth.Byline)
	}
	var paras []string
	for _, b := range got.Blocks {
		var s strings.Builder
		for _, r := range b.Text {
			s.WriteString(r.Text)
		}
		paras = append(paras, s.String())
	}
	if len(paras) != len(truth.Paragraphs) {
		t.Fatalf("%d blocks, want %d paragraphs", len(paras), len(truth.Paragraphs))
	}
	for i := range paras {
		if paras[i] != truth.Paragraphs[i] {
			t.Errorf("paragraph %d:\n got %q\nwant %q", i+1, paras[i], truth.Paragraphs[i])
		}
	}
}

// Bad input, one policy: a clear one-line error naming the file, exit 1,
// and no output file; text that is not UTF-8 is decoded with a warning.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A folder is walked for articles (see batch_test.go); one with none
	// in it is an input error like any other.
	mkdir := func(p string) string {
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "Título\n\nCafé con leche, señor.\n" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	cases := []struct {
		name     string
		path     string
		wantCode int
		wantErr  string // in stderr, on the same line as the file name
		wantOut  bool
		wantWord string // a word the PDF's model must hold, for decoded input
	}{
		{"missing file", filepath.Join(dir, "nope.txt"), 1, "no such file", false, ""},
		{"empty file", write("empty.txt", nil), 1, "empty", false, ""},
		{"whitespace only", write("blank.txt", []byte(" \n\t\r\n  \n")), 1, "whitespace", false, ""},
		{"a PNG given as the article", write("picture.txt", png), 1, "binary", false, ""},
		{"control characters", write("ctl.txt", bytes.Repeat([]byte{1, 2, 3, 'a'}, 50)), 1, "binary", false, ""},
		{"a folder with no article in it", mkdir(filepath.Join(dir, "empty-folder")), 1, "folder", false, ""},
		{"Windows-1252 text", write("latin.txt", []byte("Caf\xe9 society\n\nThe caf\xe9 opened at dawn; na\xefve patrons queued.\n")), 0, "Windows-1252", true, "café"},
		{"UTF-16 with a BOM", write("wide.txt", utf16), 0, "UTF-16", true, "señor"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			code, _, stderr := offprint(t, "", "export", "-o", out, c.path)
			if code != c.wantCode {
				t.Errorf("exit %d, want %d (stderr: %s)", code, c.wantCode, stderr)
			}
			named := false
			for _, l := range strings.Split(stderr, "\n") {
				named = named || strings.Contains(l, c.wantErr) && strings.Contains(l, c.path)
			}
			if !named {
				t.Errorf("no line naming %s and %q in stderr:\n%s", c.path, c.wantErr, stderr)
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
				t.Errorf("a stack trace reached the user:\n%s", stderr)
			}
			entries, _ := os.ReadDir(out)
			if got := len(entries) > 0; got != c.wantOut {
				t.Errorf("outputs written: %v, want %v (%d files)", got, c.wantOut, len(entries))
			}
			if c.wantWord != "" {
				doc, _, err := export.Load(c.path, export.Options{})
				if err != nil || !strings.Contains(strings.ToLower(articleText(doc)), c.wantWord) {
					t.Errorf("decoded text lacks %q (err %v)", c.wantWord, err)
				}
			}
		})
	}
}

func TestOneBadInputDoesNotStopTheOthers(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := offprint(t, "", "export", "--epub", "-o", out, filepath.Join(out, "missing.txt"), "samples/russia-ukraine-ceasefire.txt")
	if code != 1 {
		t.Errorf("exit %d, want 1: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "russia-ukraine-ceasefire.epub")); err != nil {
		t.Errorf("the good input was not written: %v", err)
	}
}

// A format that fails does not cost the input its other formats: the PDF
// refuses an Arabic article (fpdf cannot shape it), the EPUB is still
// written, and the exit status still says something failed.
func TestOneFailingFormatDoesNotStopTheOthers(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "arabic.md")
	body := "---\ntitle: مقالة قصيرة\nlang: ar\n---\n\nهذه فقرة قصيرة باللغة العربية لاختبار التصدير إلى الكتاب الإلكتروني.\n"
	if err := os.WriteFile(in, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, _, stderr := offprint(t, "", "export", "--pdf", "--epub", "-o", out, in)
	if code != 1 {
		t.Errorf("exit %d, want 1: %s", code, stderr)
	}
	if !strings.Contains(stderr, in+": ") || !strings.Contains(stderr, "Arabic") {
		t.Errorf("stderr does not name the input and the refused script: %q", stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "arabic.epub")); err != nil {
		t.Errorf("the EPUB was not written: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "arabic.pdf")); err == nil {
		t.Errorf("a PDF was written for a refused article")
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"export"},
		{"export", "--no-such-flag", "samples/russia-ukraine-ceasefire.txt"},
		{"export", "--page-size", "b7", "samples/russia-ukraine-ceasefire.txt"},
		{"inspect"},
		{"frobnicate"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, _, stderr := offprint(t, "", args...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stderr: %s)", code, stderr)
			}
			if n := strings.Count(strings.TrimSpace(stderr), "\n"); n > 0 || !strings.HasPrefix(stderr, "offprint: ") {
				t.Errorf("want one line starting offprint:, got:\n%s", stderr)
			}
		})
	}
}

func TestStandardInputIsNamedByTitle(t *testing.T) {
	out := t.TempDir()
	seed, err := os.ReadFile("samples/russia-ukraine-ceasefire.txt")
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := offprint(t, string(seed), "export", "--epub", "-o", out, "-"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "russia-and-ukraine-clash-over-ceasefire-terms.epub")); err != nil {
		t.Error(err)
	}
	if code, _, stderr := offprint(t, string(seed), "export", "--pdf", "--name", "seed", "-o", out, "-"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "seed.pdf")); err != nil {
		t.Error(err)
	}
}

func TestNeverOverwritesTheInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "story.pdf")
	body := []byte("A Title\n\nSome words of the story.\n")
	if err := os.WriteFile(in, body, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := offprint(t, "", "export", "--pdf", "--from", "text", "-o", dir, in)
	if code != 1 || !strings.Contains(stderr, "overwrite") {
		t.Errorf("exit %d, stderr %q: want a refusal", code, stderr)
	}
	if got, _ := os.ReadFile(in); !bytes.Equal(got, body) {
		t.Error("the input was overwritten")
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Russia and Ukraine Clash Over Ceasefire Terms": "russia-and-ukraine-clash-over-ceasefire-terms",
		"  Ça va? Oui!  ": "ça-va-oui",
		"***":             "",
	} {
		if got := export.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
