package html

// css is the page's own stylesheet, small on purpose: a readable measure,
// the system's serif, light and dark schemes, and print rules so the page
// also prints decently from a browser.
const css = `
:root{color-scheme:light dark;--ink:#1a1a1a;--paper:#fdfcf8;--muted:#5b5b5b;--rule:#d8d4c8}
@media (prefers-color-scheme:dark){:root{--ink:#e8e6e1;--paper:#181816;--muted:#a8a59d;--rule:#3a3833}}
html{background:var(--paper);color:var(--ink)}
body{margin:0;padding:2rem 1.25rem;font:1.125rem/1.6 Charter,"Noto Serif",Georgia,Cambria,serif;hyphens:auto;-webkit-hyphens:auto}
article{max-width:36em;margin:0 auto}
.masthead{border-bottom:1px solid var(--rule);margin-bottom:2rem;padding-bottom:1rem}
.masthead h1{font-size:2rem;line-height:1.2;margin:0 0 .5rem;hyphens:manual}
.site,.dateline,.subtitle{color:var(--muted)}
.site{text-transform:uppercase;letter-spacing:.08em;font-size:.8rem;margin:0 0 .5rem}
.byline{font-style:italic;margin:.25rem 0}
.dateline{font-size:.9rem;margin:.25rem 0}
h2,h3,h4,h5,h6{line-height:1.25;margin:2rem 0 .5rem;break-after:avoid}
p{margin:0 0 1rem;orphans:2;widows:2}
blockquote{margin:1.5rem 0;padding-left:1.25rem;border-left:3px solid var(--rule)}
blockquote footer{color:var(--muted);font-size:.95rem}
figure{margin:1.5rem 0;text-align:center}
img{max-width:100%;height:auto}
figcaption,.alt{color:var(--muted);font-size:.9rem}
pre{overflow-x:auto;padding:.75rem;border:1px solid var(--rule);font-size:.85rem;line-height:1.4}
code{font-family:ui-monospace,"Noto Sans Mono",Menlo,Consolas,monospace;font-size:.9em}
table{border-collapse:collapse;margin:1.5rem 0;font-size:.95rem}
th,td{border:1px solid var(--rule);padding:.3rem .6rem;text-align:start;vertical-align:top}
hr{border:0;border-top:1px solid var(--rule);margin:2rem 0}
a{color:inherit}
.notes,.about{border-top:1px solid var(--rule);margin-top:2.5rem;font-size:.95rem}
.about h3{font-size:1rem;margin:1rem 0 .25rem}
@media print{body{padding:0;font-size:11pt}a{text-decoration:none}}
`
