"""Render tables of a budgettui JSON export as a PDF (narrow columns, page breaks,
repeated headers), so that `pdftotext -layout` gives realistic space-aligned text."""
import json, sys
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle, Paragraph, Spacer, PageBreak
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib import colors

pdfmetrics.registerFont(TTFont('zh', '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', subfontIndex=0))
src, out, picks = sys.argv[1], sys.argv[2], [int(x) for x in sys.argv[3].split(',')]
d = json.load(open(src))['documents'][0]
cell = ParagraphStyle('c', fontName='zh', fontSize=8, leading=10, wordWrap='CJK')
num = ParagraphStyle('n', parent=cell, alignment=2)
title = ParagraphStyle('t', fontName='zh', fontSize=14, leading=18, alignment=1)
plain = ParagraphStyle('p', fontName='zh', fontSize=9, leading=12)
right = ParagraphStyle('r', parent=plain, alignment=2)
story = [Paragraph(d['title'], title), Spacer(1, 12),
         Paragraph('一、部门职责', plain),
         Paragraph('本部门主要负责辖区治安管理、刑事侦查、出入境管理等工作，保障辖区安全稳定。', plain),
         PageBreak()]
W = landscape(A4)[0] - 72
for i in picks:
    t = d['tables'][i]
    ncol = max(len(r) for r in t['header'] + t['rows'])
    label_w = 95
    other = (W - label_w) / max(ncol - 1, 1)
    widths = [label_w] + [min(other, 70)] * (ncol - 1)
    def P(s, k):
        isnum = s.replace(',', '').replace('.', '').replace('-', '').isdigit()
        return Paragraph(s, num if isnum and k > 0 else cell)
    data = []
    for r in t['header'] + t['rows']:
        r = r + [''] * (ncol - len(r))
        data.append([P(c, k) for k, c in enumerate(r)])
    st = [('GRID', (0, 0), (-1, -1), 0.5, colors.black), ('FONTNAME', (0, 0), (-1, -1), 'zh'),
          ('VALIGN', (0, 0), (-1, -1), 'MIDDLE')]
    for ri, r in enumerate(t['header']):
        r = r + [''] * (ncol - len(r))
        k = 0
        while k < ncol:
            j = k + 1
            while j < ncol and r[j] == '' and r[k] != '':
                j += 1
            if j - 1 > k and ri == 0:
                st.append(('SPAN', (k, ri), (j - 1, ri)))
            k = j
    story += [Paragraph(t['title'], title), Paragraph('单位：' + (t['unit'] or '万元'), right),
              Table(data, colWidths=widths, repeatRows=len(t['header']), style=TableStyle(st)),
              PageBreak()]
SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=36, rightMargin=36,
                  topMargin=36, bottomMargin=36).build(story)
