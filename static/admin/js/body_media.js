// Media in the body editor: pull quotes, and embeds of posts from the providers the
// newsroom allows (NEWSROOM_EMBED_PROVIDERS). Each is one block, moved and deleted whole,
// stored as the HTML readers get; the server sanitises it again on every save
// (articles/richtext.py). Loaded by the PullQuote and Embed extensions of
// DJANGO_PROSE_EDITOR_EXTENSIONS (newsroom/settings.py).
import { crel, gettext, Node, updateAttrsDialog } from "django-prose-editor/editor"

const selectedNode = (editor, name) => {
  const { node } = editor.state.selection
  return node?.type.name === name ? node : null
}

// Insert a block where the cursor is, or after the block selected (never in its place).
const insertBlock = (editor, content) => {
  const { selection } = editor.state
  const chain = editor.chain().focus()
  return (selection.node ? chain.insertContentAt(selection.to, content) : chain.insertContent(content)).run()
}

// Attributes kept in the editor's document only: the node writes its own HTML.
const kept = (read) => ({ default: "", rendered: false, parseHTML: read })

export const PullQuote = Node.create({
  name: "pullQuote",
  group: "block",
  atom: true,
  draggable: true,

  addAttributes() {
    return {
      text: kept((dom) => dom.querySelector("blockquote")?.textContent.trim() ?? ""),
      attribution: kept((dom) => dom.querySelector("figcaption")?.textContent.trim() ?? ""),
    }
  },

  parseHTML() {
    return [{ tag: "figure.pull-quote" }]
  },

  renderHTML({ node }) {
    const quote = ["blockquote", ["p", node.attrs.text]]
    return node.attrs.attribution
      ? ["figure", { class: "pull-quote" }, quote, ["figcaption", node.attrs.attribution]]
      : ["figure", { class: "pull-quote" }, quote]
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "pullQuote",
      groups: "nodes",
      button: buttons.text(gettext("Pull quote")),
      active: (editor) => editor.isActive("pullQuote"),
      command: (editor) => editPullQuote(editor),
    })
  },
})

// Insert a pull quote, or change the selected one (emptied, it goes).
const editPullQuote = async (editor) => {
  const current = selectedNode(editor, "pullQuote")
  const attrs = await updateAttrsDialog(
    {
      text: { type: "string", title: gettext("Quotation"), format: "textarea", required: true },
      attribution: { type: "string", title: gettext("Attribution (who said it)") },
    },
    {
      title: current ? gettext("Edit pull quote") : gettext("Insert pull quote"),
      submitText: current ? gettext("Update") : gettext("Insert"),
    },
  )(editor, current ? current.attrs : {})
  if (!attrs) return
  const quote = { text: attrs.text.trim(), attribution: attrs.attribution.trim() }
  if (current && !quote.text) editor.chain().focus().deleteSelection().run()
  else if (current) editor.chain().focus().updateAttributes("pullQuote", quote).run()
  else if (quote.text) insertBlock(editor, { type: "pullQuote", attrs: quote })
}

const parseFigure = (html) => {
  const template = document.createElement("template")
  template.innerHTML = html
  return template.content.firstElementChild
}

export const Embed = Node.create({
  name: "embed",
  group: "block",
  atom: true,
  draggable: true,

  addOptions() {
    return { resolveUrl: null }
  },

  addAttributes() {
    // The figure as the server made it, kept whole: the editor never writes its markup.
    return { html: kept((dom) => dom.outerHTML) }
  },

  parseHTML() {
    return [{ tag: "figure.embed" }]
  },

  renderHTML({ node }) {
    return parseFigure(node.attrs.html) ?? ["figure", { class: "embed" }]
  },

  // In the editor, a card naming the post rather than the provider's player.
  addNodeView() {
    return ({ node }) => {
      const figure = parseFigure(node.attrs.html)
      const link = figure?.querySelector("figcaption a")
      const quote = figure?.querySelector("blockquote")
      return {
        dom: crel("div", { className: "embed-card", "data-embed": figure?.dataset.embed ?? "" }, [
          crel("strong", { textContent: link?.textContent ?? gettext("Embedded post") }),
          ...(quote ? [crel("span", { textContent: quote.textContent })] : []),
          crel("span", { className: "embed-card-url", textContent: link?.href ?? "" }),
        ]),
      }
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "embed",
      groups: "nodes",
      button: buttons.text(gettext("Embed")),
      active: (editor) => editor.isActive("embed"),
      command: (editor) => insertEmbed(editor, this.options.resolveUrl),
    })
  },
})

// Ask for a post's address until the server can embed it, or the editor gives up.
const insertEmbed = async (editor, resolveUrl) => {
  let url = ""
  let error = ""
  for (;;) {
    const attrs = await updateAttrsDialog(
      {
        url: {
          type: "string",
          format: "url",
          title: gettext("Address of a YouTube video, Telegram post or X post"),
          description: error,
          required: true,
        },
      },
      { title: gettext("Embed a post"), submitText: gettext("Embed") },
    )(editor, { url })
    if (!attrs) return
    url = attrs.url.trim()
    const response = await fetch(`${resolveUrl}?${new URLSearchParams({ url })}`, {
      headers: { Accept: "application/json" },
    }).catch(() => null)
    const answer = await response?.json().catch(() => null)
    if (response?.ok && answer?.html) {
      insertBlock(editor, { type: "embed", attrs: { html: answer.html } })
      return
    }
    error = answer?.error ?? gettext("The newsroom did not answer; try again.")
  }
}
