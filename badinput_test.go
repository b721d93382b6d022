package main

// What offprint does with bad input, one row per hazard: the README's
// table "What offprint does with bad input" lists the same rows, so a
// change of behaviour shows up here and there together.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	binenc "encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf16"

	"golang.org/x/net/html"
)

// hazard is one bad input and what the user must see.
type hazard struct {
	name string
	// setup writes the input under dir and returns the arguments after
	// "export" (inputs, and flags a row needs); -o OUT is added.
	setup  func(t *testing.T, dir string) []string
	status int
	// stderr holds what the messages must say; {DIR} is the input folder.
	stderr []string
	// written: outputs are expected (every format); otherwise none.
	written bool
	// check looks at the outputs, when a row promises more.
	check func(t *testing.T, out outputs)
}

func TestBadInputTable(t *testing.T) {
	hazards := []hazard{
		{
			name:   "a file that does not exist",
			setup:  func(t *testing.T, dir string) []string { return []string{filepath.Join(dir, "gone.txt")} },
			status: exitFailed, stderr: []string{"{DIR}/gone.txt: no such file"},
		},
		{
			name:   "empty file",
			setup:  file("empty.txt", ""),
			status: exitFailed, stderr: []string{"{DIR}/empty.txt: the file is empty"},
		},
		{
			name:   "whitespace only",
			setup:  file("blank.txt", " \n\t\r\n   \n"),
			status: exitFailed, stderr: []string{"{DIR}/blank.txt: the file holds only whitespace"},
		},
		{
			name:   "a PNG given as the article",
			setup:  file("photo.txt", string(pngBytes(t, 4, 4))),
			status: exitFailed, stderr: []string{"{DIR}/photo.txt: this is a binary file (a PNG image), not an article"},
		},
		{
			name:   "a PDF given as the article",
			setup:  file("paper.md", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"),
			status: exitFailed, stderr: []string{"{DIR}/paper.md: this is a binary file (a PDF document), not an article"},
		},
		{
			name:   "text that is not UTF-8",
			setup:  file("latin.txt", "Caf\xe9 notes\n\nThe caf\xe9 served cr\xe8me br\xfbl\xe9e \x93every day\x94.\n"),
			status: exitOK, written: true,
			stderr: []string{"warning: {DIR}/latin.txt: not valid UTF-8; decoded as Windows-1252"},
			check:  htmlHas("The café served crème brûlée “every day”."),
		},
		{
			name:   "UTF-16 with a byte-order mark",
			setup:  file("wide.txt", utf16LE("Wide title\n\nA paragraph in UTF-16, with ünïcödé.\n")),
			status: exitOK, written: true,
			stderr: []string{"warning: {DIR}/wide.txt: decoded from UTF-16"},
			check:  htmlHas("A paragraph in UTF-16, with ünïcödé."),
		},
		{
			name: "a 100 MB text file",
			setup: func(t *testing.T, dir string) []string {
				// Sparse: the size is refused before a byte is read.
				p := filepath.Join(dir, "huge.txt")
				writeFile(t, p, "")
				if err := os.Truncate(p, 100<<20); err != nil {
					t.Fatal(err)
				}
				return []string{p}
			},
			status: exitFailed,
			stderr: []string{"{DIR}/huge.txt: the file is 100 MiB, larger than the 16 MiB limit (--max-input-size)"},
		},
		{
			name: "standard input over a lowered limit",
			setup: func(t *testing.T, dir string) []string {
				return []string{"--max-input-size", "1KiB", "--stdin", strings.Repeat("words and more words\n", 100)}
			},
			status: exitFailed,
			stderr: []string{"standard input: larger than the 1 KiB limit (--max-input-size)"},
		},
		{
			name:   "one 1 MB line",
			setup:  file("line.txt", "Long line\n\n"+strings.Repeat("a word or two and then some more, ", 1<<20/34)+"end of the line.\n"),
			status: exitOK, written: true,
			check: htmlHas("end of the line."),
		},
		{
			name:   "HTML nested 10,000 deep",
			setup:  file("deep.html", "<!doctype html><title>Deep</title><body>"+strings.Repeat("<div>", 10000)+"<p>deep words at the bottom</p>"+strings.Repeat("</div>", 10000)),
			status: exitOK, written: true,
			stderr: []string{"warning: {DIR}/deep.html: the HTML nests elements deeper than the parser allows"},
			check:  htmlHas("deep words at the bottom"),
		},
		{
			name: "script, on* attributes and javascript: links",
			setup: file("active.html", `<!doctype html><html><head><title>Active</title><script>alert("HEAD-SCRIPT")</script></head>
<body onload="alert('ONLOAD')"><article><h1>Active</h1>
<p onclick="alert('ONCLICK')">A paragraph with <a href="javascript:alert('JSLINK')">a javascript link</a> and <a href="JaVaScRiPt:alert(1)">another</a>.</p>
<script>document.write("BODY-SCRIPT")</script><noscript>NOSCRIPT-TEXT</noscript>
<img src="x.png" onerror="alert('ONERROR')" alt="broken">
<p>The text around them stays.</p></article></body></html>`),
			status: exitOK, written: true,
			check: func(t *testing.T, out outputs) {
				for _, bad := range []string{"HEAD-SCRIPT", "BODY-SCRIPT", "ONLOAD", "ONCLICK", "JSLINK", "ONERROR", "alert("} {
					for kind, text := range out.texts(t) {
						if strings.Contains(text, bad) {
							t.Errorf("%s output holds %q", kind, bad)
						}
					}
				}
				if msg := activeHTML(t, out.file(t, ".html")); msg != "" {
					t.Errorf("HTML output: %s", msg)
				}
				for name, x := range out.epubFiles(t) {
					if strings.HasSuffix(name, "html") {
						if msg := activeHTML(t, x); msg != "" {
							t.Errorf("EPUB %s: %s", name, msg)
						}
					}
				}
				htmlHas("The text around them stays.")(t, out)
				htmlHas("a javascript link")(t, out)
			},
		},
		{
			name: "an image path escaping the input folder",
			setup: func(t *testing.T, dir string) []string {
				writeFile(t, filepath.Join(dir, "secret.png"), string(pngBytes(t, 8, 8)))
				return file("in/escape.md", "# Escape\n\nBefore the image.\n\n![secret](../secret.png)\n\nAfter the image.\n")(t, dir)
			},
			status: exitOK, written: true,
			stderr: []string{"warning: {DIR}/in/escape.md: ../secret.png: the image is outside the input's folder, and is not read"},
			check:  noImages,
		},
		{
			name: "a symlink to /etc/passwd used as an image",
			setup: func(t *testing.T, dir string) []string {
				if err := os.Symlink("/etc/passwd", filepath.Join(dir, "passwd.png")); err != nil {
					t.Skipf("no symbolic links here: %v", err)
				}
				return file("link.md", "# Link\n\nText.\n\n![pw](passwd.png)\n")(t, dir)
			},
			status: exitOK, written: true,
			stderr: []string{"warning: {DIR}/link.md: passwd.png: the image is outside the input's folder, and is not read"},
			check: func(t *testing.T, out outputs) {
				noImages(t, out)
				for kind, text := range out.texts(t) {
					if strings.Contains(text, "root:") {
						t.Errorf("%s output holds /etc/passwd", kind)
					}
				}
			},
		},
		{
			name: "a PNG declaring 65535×65535 pixels",
			setup: func(t *testing.T, dir string) []string {
				writeFile(t, filepath.Join(dir, "bomb.png"), string(pngHeader(65535, 65535)))
				return file("bomb.md", "# Bomb\n\nText.\n\n![bomb](bomb.png)\n")(t, dir)
			},
			status: exitOK, written: true,
			stderr: []string{"warning: {DIR}/bomb.md: bomb.png: the image is too large (65535×65535 pixels; the limit is 50 megapixels, --max-image-pixels)"},
			check:  noImages,
		},
		{
			name: "a truncated JPEG",
			setup: func(t *testing.T, dir string) []string {
				var buf bytes.Buffer
				if err := jpeg.Encode(&buf, gradient(64, 64), nil); err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(dir, "cut.jpg"), string(buf.Bytes()[:120]))
				return file("cut.md", "# Cut\n\nText.\n\n![cut](cut.jpg)\n")(t, dir)
			},
			status: exitOK, written: true,
			stderr: []string{"warning: {DIR}/cut.md: cut.jpg: the JPEG image is damaged"},
			check:  noImages,
		},
		{
			name:   "an article made only of emoji",
			setup:  file("emoji.txt", "🙂🙃😀\n"),
			status: exitOK, written: true,
			stderr: []string{"warning: {DIR}/emoji.txt: pdf: 3 characters not in the fonts"},
			check:  htmlHas("🙂🙃😀"),
		},
		{
			name: "an output folder that cannot be made",
			setup: func(t *testing.T, dir string) []string {
				writeFile(t, filepath.Join(dir, "plain-file"), "x")
				args := file("ok.txt", article("Fine"))(t, dir)
				return append([]string{"-o", filepath.Join(dir, "plain-file", "out")}, args...)
			},
			status: exitFailed,
			stderr: []string{"output folder {DIR}/plain-file/out:", "not a directory"},
		},
		{
			name: "an existing read-only output file",
			setup: func(t *testing.T, dir string) []string {
				out := filepath.Join(dir, "out")
				for _, ext := range []string{".pdf", ".epub", ".html"} {
					writeFile(t, filepath.Join(out, "again"+ext), "old")
					if err := os.Chmod(filepath.Join(out, "again"+ext), 0o444); err != nil {
						t.Fatal(err)
					}
				}
				return file("again.txt", article("Again"))(t, dir)
			},
			// Replaced: the folder is writable, so the rename is allowed;
			// the file is offprint's own output, made again.
			status: exitOK, written: true,
			check: htmlHas("The first paragraph of Again says little."),
		},
		{
			name: "interrupted before the batch starts",
			setup: func(t *testing.T, dir string) []string {
				a := file("one.txt", article("One"))(t, dir)
				b := file("two.txt", article("Two"))(t, dir)
				return append([]string{"--cancelled"}, append(a, b...)...)
			},
			status: exitInterrupted,
			stderr: []string{"{DIR}/one.txt: interrupted before it was exported", "interrupted: 2 of 2 input(s) not exported"},
		},
	}
	for _, h := range hazards {
		t.Run(h.name, func(t *testing.T) {
			dir := t.TempDir()
			args := h.setup(t, dir)
			out := filepath.Join(dir, "out")
			ctx, stdin := context.Background(), ""
			var rest []string
			for i := 0; i < len(args); i++ {
				switch args[i] {
				case "--cancelled":
					c, cancel := context.WithCancel(ctx)
					cancel()
					ctx = c
				case "--stdin":
					stdin = args[i+1]
					rest = append(rest, "-")
					i++
				default:
					rest = append(rest, args[i])
				}
			}
			full := append([]string{"offprint", "export", "--pdf", "--epub", "--html", "-o", out}, rest...)
			var stdout, stderr bytes.Buffer
			status := run(ctx, full, strings.NewReader(stdin), &stdout, &stderr)
			msg := stderr.String()
			if status != h.status {
				t.Errorf("exit status %d, want %d; stderr:\n%s", status, h.status, msg)
			}
			for _, want := range h.stderr {
				want = strings.ReplaceAll(want, "{DIR}", dir)
				if !strings.Contains(msg, want) {
					t.Errorf("stderr does not say %q:\n%s", want, msg)
				}
			}
			for _, line := range strings.Split(strings.TrimSuffix(msg, "\n"), "\n") {
				if line != "" && !strings.HasPrefix(line, "offprint: ") {
					t.Errorf("a message line that is not offprint's own (a stack trace?): %q", line)
				}
			}
			if strings.Contains(msg, "goroutine ") || strings.Contains(msg, ".go:") {
				t.Errorf("a Go stack trace reached the user:\n%s", msg)
			}
			if status != exitOK && status != exitWarnings && !strings.Contains(msg, dir) && !strings.Contains(msg, "standard input") {
				t.Errorf("the error names no file:\n%s", msg)
			}
			got := outputs{dir: out}
			for _, name := range got.list(t) {
				if strings.HasSuffix(name, ".tmp") {
					t.Errorf("temporary file %s left behind", name)
				}
			}
			n := len(got.list(t))
			switch {
			case h.written && n != 3:
				t.Errorf("outputs %v, want a PDF, an EPUB and an HTML file", got.list(t))
			case !h.written && n != 0:
				t.Errorf("outputs %v written for an input that failed", got.list(t))
			}
			if h.written {
				if pdf := got.file(t, ".pdf"); !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(pdf), []byte("%%EOF")) {
					t.Errorf("the PDF is not whole")
				}
			}
			if h.check != nil && n > 0 {
				h.check(t, got)
			}
		})
	}
}

// TestInterruptRealSignal sends SIGINT to the built binary in the middle
// of a batch: it must stop starting inputs, leave only whole outputs and
// no temporary file, and exit non-zero.
func TestInterruptRealSignal(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	var inputs []string
	for i := 0; i < 60; i++ {
		p := filepath.Join(dir, "in", "article-"+string(rune('a'+i/26))+string(rune('a'+i%26))+".txt")
		writeFile(t, p, article("Article "+p)+strings.Repeat("More words for the page to carry. ", 2000))
		inputs = append(inputs, p)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(bin, append([]string{"export", "--pdf", "--epub", "-j", "1", "-o", out}, inputs...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Signal once the first output is written: the batch is then
	// certainly under way, whatever the machine's speed.
	sc := bufio.NewScanner(stderr)
	var log []string
	for sc.Scan() {
		log = append(log, sc.Text())
		if strings.HasPrefix(sc.Text(), "offprint: wrote ") {
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	for sc.Scan() {
		log = append(log, sc.Text())
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if err == nil {
		t.Fatalf("exit status 0 after SIGINT; stderr:\n%s", strings.Join(log, "\n"))
	}
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Errorf("exit: %v, want status %d", err, exitInterrupted)
	}
	if last := log[len(log)-1]; !strings.HasPrefix(last, "offprint: interrupted: ") {
		t.Errorf("last message %q, want the interruption summary", last)
	}
	got := outputs{dir: out}
	names := got.list(t)
	if len(names) >= 2*len(inputs) {
		t.Errorf("all %d outputs written: the batch did not stop", len(names))
	}
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(name) {
		case ".pdf":
			if !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
				t.Errorf("%s is cut short", name)
			}
		case ".epub":
			if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
				t.Errorf("%s is cut short: %v", name, err)
			}
		default:
			t.Errorf("%s left behind", name)
		}
	}
}

// file returns a setup that writes one input.
func file(name, content string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		p := filepath.Join(dir, filepath.FromSlash(name))
		writeFile(t, p, content)
		return []string{p}
	}
}

func writeFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func utf16LE(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

func gradient(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 4), 128, 255})
		}
	}
	return img
}

func pngBytes(t *testing.T, w, h int) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, gradient(w, h)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngHeader is the start of a PNG that declares w×h pixels: the
// signature, a valid IHDR, and a few bytes of data that end too early.
// Decoding it whole would want w*h*4 bytes.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binenc.BigEndian.PutUint32(ihdr[0:], w)
	binenc.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk := func(kind string, data []byte) {
		binenc.Write(&b, binenc.BigEndian, uint32(len(data)))
		b.WriteString(kind)
		b.Write(data)
		binenc.Write(&b, binenc.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
	}
	chunk("IHDR", ihdr)
	b.Write([]byte{0, 0, 0x10, 0, 'I', 'D', 'A', 'T', 0x78, 0x9c}) // an IDAT cut short
	return b.Bytes()
}

// outputs is the output folder of one row.
type outputs struct{ dir string }

func (o outputs) list(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(o.dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func (o outputs) file(t *testing.T, ext string) []byte {
	t.Helper()
	for _, n := range o.list(t) {
		if filepath.Ext(n) == ext {
			data, err := os.ReadFile(filepath.Join(o.dir, n))
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
	}
	t.Fatalf("no %s output in %v", ext, o.list(t))
	return nil
}

func (o outputs) epubFiles(t *testing.T) map[string][]byte {
	t.Helper()
	data := o.file(t, ".epub")
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], _ = io.ReadAll(r)
		r.Close()
	}
	return files
}

// texts is what each output holds as text: the HTML file, the EPUB's
// XHTML, and the PDF's text by pdftotext (when installed: the PDF's
// streams are compressed).
func (o outputs) texts(t *testing.T) map[string]string {
	t.Helper()
	texts := map[string]string{"html": string(o.file(t, ".html"))}
	var epub strings.Builder
	for name, data := range o.epubFiles(t) {
		if strings.HasSuffix(name, "html") || strings.HasSuffix(name, ".opf") || strings.HasSuffix(name, ".ncx") {
			epub.Write(data)
		}
	}
	texts["epub"] = epub.String()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is required under CI")
		}
		t.Log("pdftotext not installed: the PDF's text is not checked")
		return texts
	}
	pdf := filepath.Join(t.TempDir(), "out.pdf")
	writeFile(t, pdf, string(o.file(t, ".pdf")))
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	texts["pdf"] = string(text)
	return texts
}

// htmlHas checks that the HTML output's text holds want, as a reader of
// the page would see it.
func htmlHas(want string) func(t *testing.T, out outputs) {
	return func(t *testing.T, out outputs) {
		t.Helper()
		doc, err := html.Parse(bytes.NewReader(out.file(t, ".html")))
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.TextNode {
				b.WriteString(n.Data)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if text := strings.Join(strings.Fields(b.String()), " "); !strings.Contains(text, want) {
			t.Errorf("the HTML output does not say %q", want)
		}
	}
}

// noImages checks that no image reached any output.
func noImages(t *testing.T, out outputs) {
	t.Helper()
	if h := out.file(t, ".html"); bytes.Contains(h, []byte("data:image/")) {
		t.Errorf("the HTML output holds an image")
	}
	for name := range out.epubFiles(t) {
		switch strings.ToLower(filepath.Ext(name)) {
		case ".png", ".jpg", ".jpeg", ".gif", ".webp":
			if !strings.Contains(name, "cover") {
				t.Errorf("the EPUB holds the image %s", name)
			}
		}
	}
}

// activeHTML finds what a browser or reading system would run.
func activeHTML(t *testing.T, data []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var found string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "script" {
				found = "a <script> element"
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					found = "an " + a.Key + " attribute"
				}
				if strings.Contains(strings.ToLower(a.Val), "javascript:") {
					found = "a javascript: URL"
				}
			}
		}
		for c := n.FirstChild; c != nil && found == ""; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

// TestVerboseExplainsWhatWasDropped: the lines a reader drops on purpose
// are named with --verbose, and only then; they are never warnings, so
// --strict does not fail on them.
func TestVerboseExplainsWhatWasDropped(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "furniture.txt")
	writeFile(t, in, "A Title\n\nShare this\nThe body paragraph of the article is here, and it goes on for a while.\nAdvertisement\nAnother paragraph of the article.\n")
	for _, tc := range []struct {
		flags []string
		notes bool
	}{
		{[]string{"--strict"}, false},
		{[]string{"--strict", "--verbose"}, true},
		{[]string{"--verbose", "--quiet"}, false},
	} {
		args := append([]string{"export", "--html", "-o", filepath.Join(dir, "out")}, tc.flags...)
		code, _, stderr := offprint(t, "", append(args, in)...)
		if code != exitOK {
			t.Errorf("%v: exit %d, want 0 (explanations are not warnings); stderr:\n%s", tc.flags, code, stderr)
		}
		for _, dropped := range []string{`dropped the line "Share this"`, `dropped the line "Advertisement"`} {
			if got := strings.Contains(stderr, "offprint: note: "+in+": "+dropped); got != tc.notes {
				t.Errorf("%v: note %q shown: %v, want %v; stderr:\n%s", tc.flags, dropped, got, tc.notes, stderr)
			}
		}
	}
}
