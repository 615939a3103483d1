/** Element names of HTML that writers put in Markdown on purpose; anything else in angle brackets is a placeholder. */
export const HTML_TAG_NAMES: ReadonlySet<string> = new Set(
  (
    'a abbr address area article aside audio b bdi bdo blockquote br button caption cite code col colgroup data dd del ' +
    'details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr i iframe ' +
    'img input ins kbd label legend li main map mark meter nav noscript object ol optgroup option output p picture pre ' +
    'progress q rp rt ruby s samp section select small source span strong sub summary sup table tbody td template ' +
    'textarea tfoot th thead time tr track u ul var video wbr center font big tt strike svg path math'
  ).split(' '),
);
