"""Document metadata: number, type, issuer, province, place, date, title, legal bases, signer, recipients.

Decree 30/2020/NĐ-CP fixes how an official document introduces itself. The header is a two-column
block: the issuing body on the left (its parent above it), the national motto on the right, then the
number and the place-and-date line:

    UBND TỈNH ĐỒNG THÁP                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    SỞ KHOA HỌC VÀ CÔNG NGHỆ           Độc lập - Tự do - Hạnh phúc
    Số: 27/KH-SKHCN                    Đồng Tháp, ngày 02 tháng 4 năm 2021

The number is "sequence/[year/]TYPE-ISSUER" ("129/KH-UBND", "181/2024/NĐ-CP"); a công văn has no type
code ("2265/BCT-ATMT"), a Party document puts the code first ("11-CT/TU"). Drafts leave the sequence
and the day blank ("Số:      /KH-UBND", "ngày    tháng 4 năm 2026"): those stay null, never guessed,
but the type code and issuer suffix still count. The type line ("KẾ HOẠCH") and the title follow; the
preamble cites the legal bases ("Căn cứ Quyết định số 996/QĐ-TTg ngày 10/8/2018 của Thủ tướng Chính
phủ ...;", several per paragraph after "Thực hiện"); the closing holds the recipients ("Nơi nhận:" and
"- ...;" items) beside the signature ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A").

Rules chosen here:
- issuer: the lowest body of the header with its locality ("Sở Khoa học và Công nghệ tỉnh An
  Giang"); a generic unit ("VĂN PHÒNG") is named with its parent. Capitals take the document's own
  mixed-case spelling of the same name (found by comparison key), else the reference data's, else
  sentence case. Without a header, the number's issuer suffix (SKHCN) and the province give it.
- province: from the issuer's locality, else the place; null for central bodies (Bộ, Chính phủ...).
  A province merged on 1 July 2025 maps to itself for documents dated before the merger and to its
  successor for documents dated on or after it (a 2026 "Hà Giang" is the new Tuyên Quang: after the
  merger the old province has no government, its name survives only as a place or a stale template).
  An undated draft uses its printed year and month.
- letterhead: the left column only, never the motto beside or under it (a line holding both is cut where
  the motto begins, and a motto wrapped over lines is recognised piece by piece); Markdown emphasis is
  dropped at line edges. Text before the letterhead (a crawled page's furniture) is skipped by reading
  the document again from the letterhead. Without any letterhead, the authority line above the preamble
  ("ỦY BAN THƯỜNG VỤ QUỐC HỘI") names the issuer and an annex's "(Ban hành kèm theo Nghị quyết số ...
  ngày ...)" the number and date. An incoming-mail stamp ("CÔNG VĂN ĐẾN / Số: ...") is not the header.
- issuer_level: central for central bodies, province for a province's bodies, commune for xã/phường/
  đặc khu; null for a company or a district. type: a document with no type line and a "V/v" subject is
  a công văn ("CV"); a sequence that cannot be read still gives its type code ("Số: 5Ø /KH-BCA").
  carries: "Ban hành / Phê duyệt Kế hoạch (Chương trình, Đề án, ...)" in a decision's title.
- legal bases: every clause of a preamble paragraph opened by "Căn cứ", "Thực hiện" or "Triển khai" that
  starts with a document type name; clauses split at ";" outside quotes, so a quoted programme name never
  makes a basis, and at ", Nghị quyết số" / " và Quyết định số" / " theo Luật số" / ", số" (lists); a
  paragraph cut over blocks by a crawl is joined while its sentence is unfinished; a clause that names
  neither a number nor a date cites no document. The basis issuer is kept as printed ("UBND tỉnh Cao
  Bằng" is not expanded).
- signer: KT./TL./TUQ. name the principal signed for (on_behalf_of, as a position: "Chủ tịch");
  TM. names the collective ("Ủy ban nhân dân", also when wrapped: "TM. ỦY BAN" / "NHÂN DÂN") unless a
  KT. line follows it, which is nearer. A closing the structure missed (in emphasis, "*Nơi nhận:*") is
  found from its first "Nơi nhận" or authority line.
- recipients: as printed without "- " and the closing ";"/"."; the archive item "Lưu: VT, ..." is
  kept, since it is part of the printed distribution list (consumers drop it by its "Lưu" prefix).
"""

from kehoach.extractors.metadata.document import extract_document, printed_year

__all__ = ["extract_document", "printed_year"]
