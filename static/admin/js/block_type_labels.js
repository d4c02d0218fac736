// The body editor's block-type menu says what a block is ("Paragraph", "Heading 2")
// where django-prose-editor shows an icon. Its menu lets an extension define an item
// again by name; the module is loaded by the BlockTypeLabels extension of
// DJANGO_PROSE_EDITOR_EXTENSIONS (newsroom/settings.py).
import { crel, Extension } from "django-prose-editor/editor"

export const BlockTypeLabels = Extension.create({
  name: "blockTypeLabels",

  addMenuItems({ buttons, menu }) {
    const heading = this.editor.extensionManager.extensions.find((e) => e.name === "heading")
    for (const level of heading ? heading.options.levels : []) {
      menu.defineItem({
        name: `heading${level}`,
        groups: "blockType nodes headings",
        button: buttons.text(`Heading ${level}`),
        option: crel(`h${level}`, { textContent: `Heading ${level}` }),
        active: (editor) => editor.isActive("heading", { level }),
        command: (editor) => editor.chain().focus().toggleHeading({ level }).run(),
      })
    }
    menu.defineItem({
      name: "paragraph",
      groups: "blockType nodes",
      button: buttons.text("Paragraph"),
      option: crel("p", { textContent: "Paragraph" }),
      active: (editor) => editor.isActive("paragraph"),
      command: (editor) => editor.chain().focus().setParagraph().run(),
    })
  },
})
