"""Tasks and the units that lead and coordinate them, from every way plans write them.

How plans write tasks:

1. A task table, in the body or an appendix, its columns known by their header text:
   "TT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện"
   "1.1 | Định kỳ rà soát các văn bản ... | Chi cục Tiêu chuẩn Đo lường Chất lượng (Chi cục TĐC) |
   Văn phòng Sở KH&CN; Phòng Kế hoạch - Tài chính | Hàng năm 2021-2030".
   A row with a number and text but no unit or period ("1 | Áp dụng cơ chế, chính sách ...") is a
   group when the rows under it continue it ("1.1", or unnumbered rows); a column-number row
   ("(1) (2) (3)") and a repeated header row are not tasks; a table whose rows are all empty is a
   reporting template, not a task list. A table with a start and an end column ("Thời gian bắt
   đầu | Thời gian hoàn thành") gives each task the period from the one to the other.
2. Numbered prose under the task section ("II. NHIỆM VỤ VÀ GIẢI PHÁP", "Nhiệm vụ trọng tâm",
   "Phân công nhiệm vụ"): "1. Áp dụng cơ chế ..." / "a) Xây dựng kế hoạch ..." / "- ...".
3. Assignment lines under a group: "Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp:
   Phòng Quản lý Năng lượng, Văn phòng Sở." ("Lãnh đạo phụ trách: ..." names persons, not units).
4. Sentences: "giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính tổ chức ...".
5. Duties by unit, under "Tổ chức thực hiện": "2. Sở Nông nghiệp và Môi trường" followed by
   "- Chủ trì, phối hợp với Thuế tỉnh, Sở Công Thương ...", or "1. Sở Khoa học và Công nghệ chủ trì
   xây dựng kế hoạch hàng năm ...".

6. Label lines in their variants (extractors.tasks.labels), a line that opens and assigns a list
   ("Giao Sở Nội vụ chủ trì, phối hợp với ...:"), and leads given by reference in "Tổ chức thực
   hiện" ("X chủ trì các nhiệm vụ tại mục 1-6 Phần III", extractors.tasks.by_reference). A notice,
   directive or dispatch numbered from "1." is itself a list of assignments; an agenda's "Chủ trì"
   column names who chairs, not who leads; a decision's plan printed after its signature is read as
   a body.

Ids follow the contract: the number as printed ("2.3"); where that number alone repeats in the plan,
it is prefixed by the parent task's id, or for a top-level task by the number of the outline
section holding it ("II.1", "II.1.a") or "PL<n>" for an appendix ("PL.3"); an unnumbered item is
"<parent id>#<position>" ("4#1"). Numbers that still repeat after that are real duplicates, left for
the DUPLICATE_TASK_ID validator.

This module emits UNDEFINED_ABBREVIATION (only it knows what the plan defined) and
AMOUNT_UNPARSEABLE for a budget cell it cannot read.
"""

from kehoach.extractors.tasks.extract import extract_tasks

__all__ = ["extract_tasks"]
