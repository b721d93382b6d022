package images

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.NRGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 5, 4)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gifBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, image.NewPaletted(image.Rect(0, 0, 2, 3), []color.Color{color.Black, color.White}), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// hugePNG is a valid PNG header that declares w×h pixels: the IHDR chunk
// rewritten with its checksum fixed, so only the size is a lie.
func hugePNG(t *testing.T, w, h uint32) []byte {
	t.Helper()
	b := pngBytes(t, 1, 1)
	// 8-byte signature, then length(4) "IHDR"(4) width(4) height(4) ... crc.
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// tinyWebP is a 1×1 lossless WebP.
const tinyWebP = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(root, name string, data []byte) {
		t.Helper()
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	webp, _ := base64.StdEncoding.DecodeString(tinyWebP)
	write(dir, "pics/red.png", pngBytes(t, 3, 2))
	write(dir, "my photo.jpg", jpegBytes(t))
	write(dir, "anim.gif", gifBytes(t))
	write(dir, "tiny.webp", webp)
	write(dir, "lying.png", jpegBytes(t))
	write(dir, "notes.png", []byte("these are not pixels"))
	write(dir, "drawing.png", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`))
	write(dir, "huge.png", hugePNG(t, 65535, 65535))
	write(dir, "cut.jpg", jpegBytes(t)[:20])
	write(outside, "secret.png", pngBytes(t, 1, 1))
	mustLink := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skip("symbolic links unavailable:", err)
		}
	}
	mustLink("/etc/passwd", "passwd.png")
	mustLink(outside, "elsewhere")
	mustLink("pics", "inside")

	pngURI := "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngBytes(t, 4, 4))
	cases := []struct {
		name, src string
		opt       Options
		mime      string // "" when an error is expected
		w, h      int
		errHas    string
	}{
		{name: "relative png", src: "pics/red.png", mime: "image/png", w: 3, h: 2},
		{name: "dot segments that stay inside", src: "./pics/../pics/red.png", mime: "image/png", w: 3, h: 2},
		{name: "percent-encoded name", src: "my%20photo.jpg", mime: "image/jpeg", w: 5, h: 4},
		{name: "gif", src: "anim.gif", mime: "image/gif", w: 2, h: 3},
		{name: "webp", src: "tiny.webp", mime: "image/webp", w: 1, h: 1},
		{name: "extension lies, bytes win", src: "lying.png", mime: "image/jpeg", w: 5, h: 4},
		{name: "absolute path inside the folder", src: filepath.Join(dir, "pics/red.png"), mime: "image/png", w: 3, h: 2},
		{name: "file URL inside the folder", src: "file://" + filepath.ToSlash(filepath.Join(dir, "anim.gif")), mime: "image/gif", w: 2, h: 3},
		{name: "symlink that stays inside", src: "inside/red.png", mime: "image/png", w: 3, h: 2},
		{name: "data: png", src: pngURI, mime: "image/png", w: 4, h: 4},
		{name: "data: png, base64 wrapped over lines", src: pngURI[:40] + "\n  " + pngURI[40:], mime: "image/png", w: 4, h: 4},
		{name: "data: percent-encoded", src: "data:image/gif," + url.PathEscape(string(gifBytes(t))), mime: "image/gif", w: 2, h: 3},

		{name: "../ escape", src: "../" + filepath.Base(outside) + "/secret.png", errHas: "outside the input's folder"},
		{name: "deep ../ escape", src: "pics/../../../../../../etc/passwd", errHas: "outside the input's folder"},
		{name: "absolute /etc/passwd", src: "/etc/passwd", errHas: "outside the input's folder"},
		{name: "file URL to /etc/passwd", src: "file:///etc/passwd", errHas: "outside the input's folder"},
		{name: "symlink inside pointing to /etc/passwd", src: "passwd.png", errHas: "outside the input's folder"},
		{name: "symlinked folder pointing out", src: "elsewhere/secret.png", errHas: "outside the input's folder"},
		{name: "missing file", src: "nope.png", errHas: "no such file"},
		{name: "a folder", src: "pics", errHas: "not a file"},
		{name: "not an image", src: "notes.png", errHas: "not a PNG, JPEG, GIF or WebP image"},
		{name: "svg file", src: "drawing.png", errHas: "SVG images are not supported yet"},
		{name: "svg data URI", src: "data:image/svg+xml,%3Csvg%3E%3C/svg%3E", errHas: "SVG images are not supported yet"},
		{name: "png declaring 65535x65535", src: "huge.png", errHas: "too large (65535×65535 pixels"},
		{name: "pixel limit from options", src: "pics/red.png", opt: Options{MaxPixels: 5}, errHas: "too large (3×2 pixels"},
		{name: "byte limit from options", src: "pics/red.png", opt: Options{MaxBytes: 10}, errHas: "too large"},
		{name: "truncated jpeg header", src: "cut.jpg", errHas: "damaged"},
		{name: "remote without fetch", src: "https://example.com/a.png", errHas: "remote image not fetched (use --fetch-images)"},
		{name: "scheme-relative without fetch", src: "//example.com/a.png", errHas: "not fetched"},
		{name: "javascript: URL", src: "javascript:alert(1)", errHas: "cannot be loaded"},
		{name: "empty", src: "  ", errHas: "no source"},
		{name: "bad base64", src: "data:image/png;base64,@@@@", errHas: "base64"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opt := c.opt
			opt.Dir = dir
			data, mime, w, h, err := Load(c.src, opt)
			if c.errHas != "" {
				if err == nil {
					t.Fatalf("Load(%q) = %s %d×%d, want an error with %q", c.src, mime, w, h, c.errHas)
				}
				msg := err.Error()
				if !strings.Contains(msg, c.errHas) {
					t.Errorf("error %q does not say %q", msg, c.errHas)
				}
				if strings.Contains(msg, "\n") {
					t.Errorf("error is not one line: %q", msg)
				}
				if !strings.Contains(msg, Short(c.src)) {
					t.Errorf("error %q does not name the image %q", msg, Short(c.src))
				}
				if data != nil {
					t.Errorf("bytes returned with an error")
				}
				return
			}
			if err != nil {
				t.Fatalf("Load(%q): %v", c.src, err)
			}
			if mime != c.mime || w != c.w || h != c.h {
				t.Errorf("Load(%q) = %s %d×%d, want %s %d×%d", c.src, mime, w, h, c.mime, c.w, c.h)
			}
			if len(data) == 0 {
				t.Errorf("no bytes")
			}
		})
	}
}

func TestErrorNamesDataURIShortly(t *testing.T) {
	src := "data:image/png;base64," + strings.Repeat("A", 100000)
	_, _, _, _, err := Load(src, Options{Dir: t.TempDir()})
	if err == nil {
		t.Fatal("want an error")
	}
	if len(err.Error()) > 200 {
		t.Errorf("error message is %d bytes long; a data: URI must be shortened", len(err.Error()))
	}
	var e *Error
	if !errors.As(err, &e) || e.Src != src {
		t.Errorf("error does not carry the full src")
	}
}

func TestFetch(t *testing.T) {
	img := pngBytes(t, 7, 5)
	release := make(chan struct{})
	defer close(release)
	mux := http.NewServeMux()
	mux.HandleFunc("/ok.png", func(w http.ResponseWriter, r *http.Request) { w.Write(img) })
	mux.HandleFunc("/mislabelled", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(img)
	})
	mux.HandleFunc("/page.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!doctype html><p>not found, but with a 200"))
	})
	mux.HandleFunc("/logo.svg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Write([]byte("<svg/>"))
	})
	mux.HandleFunc("/missing.png", http.NotFound)
	mux.HandleFunc("/slow.png", func(w http.ResponseWriter, r *http.Request) {
		// Never answers: only the client's timeout ends this request.
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	mux.HandleFunc("/big.png", func(w http.ResponseWriter, r *http.Request) {
		// No Content-Length: the limit must hold while reading.
		w.Write(img)
		chunk := make([]byte, 4096)
		for i := 0; i < 64; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/declared-big.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100000000")
		w.Write(img)
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/ok.png", http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	fetch := Options{Fetch: true, Timeout: 200 * time.Millisecond, MaxBytes: 64 << 10}
	// Ctrl-C ends a download at once, not when the timeout runs out.
	stopped, stop := context.WithCancel(context.Background())
	stop()
	interrupted := Options{Fetch: true, Timeout: 30 * time.Second, Context: stopped}
	cases := []struct {
		name, path string
		opt        Options
		errHas     string
	}{
		{"plain fetch", "/ok.png", fetch, ""},
		{"wrong content type, right bytes", "/mislabelled", fetch, ""},
		{"redirect", "/redirect", fetch, ""},
		{"html served as an image", "/page.png", fetch, "not a PNG, JPEG, GIF or WebP image"},
		{"svg by content type", "/logo.svg", fetch, "SVG images are not supported yet"},
		{"404", "/missing.png", fetch, "404"},
		{"slow server hits the timeout", "/slow.png", fetch, "no answer within 200ms"},
		{"large body hits the size limit", "/big.png", fetch, "too large"},
		{"declared length over the limit", "/declared-big.png", fetch, "too large"},
		{"redirect to file:", "/to-file", fetch, "could not be fetched"},
		{"fetch not allowed", "/ok.png", Options{}, "not fetched (use --fetch-images)"},
		{"interrupted", "/slow.png", interrupted, "could not be fetched (interrupted)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := srv.URL + c.path
			data, mime, w, h, err := Load(src, c.opt)
			if c.errHas == "" {
				if err != nil {
					t.Fatalf("Load(%s): %v", src, err)
				}
				if mime != "image/png" || w != 7 || h != 5 || !bytes.Equal(data, img) {
					t.Errorf("Load(%s) = %s %d×%d (%d bytes), want the 7×5 PNG", src, mime, w, h, len(data))
				}
				return
			}
			if err == nil {
				t.Fatalf("Load(%s) succeeded, want an error with %q", src, c.errHas)
			}
			if !strings.Contains(err.Error(), c.errHas) || !strings.Contains(err.Error(), src) {
				t.Errorf("error %q: want %q and the URL", err, c.errHas)
			}
		})
	}
}

func TestSniffIgnoresNames(t *testing.T) {
	cases := []struct {
		data []byte
		want string
	}{
		{pngBytes(t, 1, 1), "image/png"},
		{jpegBytes(t), "image/jpeg"},
		{gifBytes(t), "image/gif"},
		{[]byte("\xEF\xBB\xBF  <!-- drawn by hand -->\n<svg viewBox='0 0 1 1'/>"), "image/svg+xml"},
		{[]byte("\x00\x00\x00\x1cftypavif\x00\x00"), "image/avif"},
		{[]byte("<html><body>hello</body></html>"), ""},
		{[]byte("GIF8"), ""},
		{nil, ""},
	}
	for _, c := range cases {
		if got := Sniff(c.data); got != c.want {
			t.Errorf("Sniff(%q) = %q, want %q", c.data[:min(len(c.data), 16)], got, c.want)
		}
	}
}

func TestMissingFileIsNotExist(t *testing.T) {
	_, _, _, _, err := Load("gone.png", Options{Dir: t.TempDir()})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v: want errors.Is(err, fs.ErrNotExist), so a reader can try the page's web address", err)
	}
	_, _, _, _, err = Load("../gone.png", Options{Dir: t.TempDir()})
	if errors.Is(err, fs.ErrNotExist) {
		t.Errorf("an escape must not read as a missing file: %v", err)
	}
}

func TestOutsideIsMarked(t *testing.T) {
	_, _, _, _, err := Load("../x.png", Options{Dir: t.TempDir()})
	if !errors.Is(err, ErrOutside) {
		t.Errorf("error %v: want errors.Is(err, ErrOutside)", err)
	}
}

// One article's images share a count: past the limit they are left out
// by name, before anything is read.
func TestBudget(t *testing.T) {
	uri := "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngBytes(t, 2, 2))
	opt := Options{Budget: NewBudget(2)}
	for i, want := range []string{"", "", "--max-images", "--max-images"} {
		_, _, _, _, err := Load(uri, opt)
		switch {
		case want == "" && err != nil:
			t.Errorf("image %d refused: %v", i+1, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("image %d: err %v, want %q", i+1, err, want)
		}
	}
	// A missing file costs nothing.
	opt = Options{Dir: t.TempDir(), Budget: NewBudget(1)}
	for i := 0; i < 3; i++ {
		if _, _, _, _, err := Load("gone.png", opt); err == nil || strings.Contains(err.Error(), "--max-images") {
			t.Errorf("missing file %d: err %v, want no such file", i+1, err)
		}
	}
}
