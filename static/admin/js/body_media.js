// Media in the body editor: pull quotes, pictures and galleries of the library, and
// embeds of posts from the providers the newsroom allows (NEWSROOM_EMBED_PROVIDERS). Each
// is one block, moved and deleted whole. Quotes and embeds are stored as the HTML readers
// get, pictures as references to the library that pages expand (articles/body.py); the
// server sanitises all of it again on every save (articles/richtext.py). Loaded by the
// extensions of DJANGO_PROSE_EDITOR_EXTENSIONS that name it (newsroom/settings.py).
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

// Choose pictures of the library: a search box over its newest pictures, one to pick (or
// several, for a gallery), and for one picture the size it is shown at.
const choosePictures = (editor, listUrl, { title, multiple, size }) =>
  new Promise((resolve) => {
    const search = crel("input", { type: "search", name: "q", size: 40 })
    const list = crel("div", { className: "library-choices" })
    const sizes = [
      ["inline", gettext("Beside the text")],
      ["wide", gettext("Across the text")],
      ["full", gettext("The page's width")],
    ]
    const sizeField = crel(
      "select",
      { id: "library-image-size", name: "size" },
      sizes.map(([value, textContent]) => crel("option", { value, textContent, selected: value === size })),
    )
    const cancel = crel("button", { type: "button", textContent: gettext("Cancel") })
    const form = crel("form", {}, [
      crel("h3", { className: "prose-editor-dialog-title", textContent: title }),
      crel("label", { className: "prose-editor-dialog-field" }, [gettext("Search the library"), search]),
      list,
      ...(multiple
        ? []
        : [
            crel("div", { className: "prose-editor-dialog-field" }, [
              crel("label", { htmlFor: "library-image-size", textContent: gettext("Size") }),
              sizeField,
            ]),
          ]),
      crel("div", { className: "prose-editor-dialog-buttons" }, [
        crel("button", { type: "submit", textContent: gettext("Insert") }),
        cancel,
      ]),
    ])
    const dialog = crel("dialog", { className: "prose-editor-dialog library-chooser" }, [form])
    editor.view.dom.parentElement.append(dialog)

    // What the editor has picked, in the order picked: kept while the list is searched
    // again (a gallery gathers pictures from several searches), and only the newest
    // search's answer is shown, whatever order the answers come in.
    const chosen = new Set()
    let asked = 0
    const show = async () => {
      const asking = ++asked
      const response = await fetch(`${listUrl}?${new URLSearchParams({ q: search.value })}`, {
        headers: { Accept: "application/json" },
      }).catch(() => null)
      const { images = [] } = (await response?.json().catch(() => null)) ?? {}
      if (asking !== asked) return
      list.replaceChildren(
        ...images.map((image) =>
          crel("label", { className: "library-choice" }, [
            crel("input", {
              type: multiple ? "checkbox" : "radio",
              name: "image",
              value: image.id,
              checked: chosen.has(String(image.id)),
            }),
            crel("img", { src: image.thumbnail, alt: "", width: 80, height: 80 }),
            crel("span", { textContent: image.label }),
          ]),
        ),
      )
      if (!images.length) list.append(crel("p", { textContent: gettext("No picture in the library matches.") }))
    }
    list.addEventListener("change", ({ target }) => {
      if (!multiple) chosen.clear()
      if (target.checked) chosen.add(target.value)
      else chosen.delete(target.value)
    })
    search.addEventListener("input", show)
    cancel.addEventListener("click", () => dialog.close())
    dialog.addEventListener("close", () => {
      dialog.remove()
      resolve(null)
    })
    form.addEventListener("submit", (e) => {
      e.preventDefault()
      const ids = [...chosen]
      if (!ids.length) return
      resolve({ ids, size: sizeField.value })
      dialog.close()
    })
    show()
    dialog.showModal()
  })

// In the editor, the pictures a reference names, as thumbnails with their names.
const pictureCard = (listUrl, ids) => {
  const dom = crel("div", { className: "library-card" })
  fetch(`${listUrl}?${new URLSearchParams({ ids })}`, { headers: { Accept: "application/json" } })
    .then((response) => response.json())
    .then(({ images }) => {
      dom.replaceChildren(
        ...images.map((image) =>
          crel("span", { className: "library-choice" }, [
            crel("img", { src: image.thumbnail, alt: image.alt, width: 80, height: 80 }),
            crel("span", { textContent: image.label }),
          ]),
        ),
      )
      if (!images.length) dom.textContent = gettext("A picture no longer in the library: readers see nothing here.")
    })
    .catch(() => {
      dom.textContent = gettext("The library did not answer.")
    })
  return dom
}

export const LibraryImage = Node.create({
  name: "libraryImage",
  group: "block",
  atom: true,
  draggable: true,

  addOptions() {
    return { listUrl: null }
  },

  addAttributes() {
    return {
      image: kept((dom) => dom.dataset.image),
      size: { ...kept((dom) => dom.dataset.size), default: "wide" },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-image]" }]
  },

  renderHTML({ node }) {
    return ["figure", { "data-image": node.attrs.image, "data-size": node.attrs.size }]
  },

  addNodeView() {
    return ({ node }) => {
      const dom = pictureCard(this.options.listUrl, node.attrs.image)
      dom.dataset.size = node.attrs.size
      return { dom }
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "libraryImage",
      groups: "nodes",
      button: buttons.text(gettext("Image")),
      active: (editor) => editor.isActive("libraryImage"),
      command: async (editor) => {
        const current = selectedNode(editor, "libraryImage")
        const chosen = await choosePictures(editor, this.options.listUrl, {
          title: gettext("Insert a picture of the library"),
          size: current?.attrs.size ?? "wide",
        })
        if (!chosen) return
        const attrs = { image: chosen.ids[0], size: chosen.size }
        if (current) editor.chain().focus().updateAttributes("libraryImage", attrs).run()
        else insertBlock(editor, { type: "libraryImage", attrs })
      },
    })
  },
})

export const Gallery = Node.create({
  name: "gallery",
  group: "block",
  atom: true,
  draggable: true,

  addOptions() {
    return { listUrl: null }
  },

  addAttributes() {
    return { images: kept((dom) => dom.dataset.gallery) }
  },

  parseHTML() {
    return [{ tag: "figure[data-gallery]" }]
  },

  renderHTML({ node }) {
    return ["figure", { "data-gallery": node.attrs.images }]
  },

  addNodeView() {
    return ({ node }) => ({ dom: pictureCard(this.options.listUrl, node.attrs.images) })
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "gallery",
      groups: "nodes",
      button: buttons.text(gettext("Gallery")),
      active: (editor) => editor.isActive("gallery"),
      command: async (editor) => {
        const current = selectedNode(editor, "gallery")
        const chosen = await choosePictures(editor, this.options.listUrl, {
          title: gettext("Insert a gallery of the library's pictures"),
          multiple: true,
        })
        if (!chosen) return
        const attrs = { images: chosen.ids.join(",") }
        if (current) editor.chain().focus().updateAttributes("gallery", attrs).run()
        else insertBlock(editor, { type: "gallery", attrs })
      },
    })
  },
})
