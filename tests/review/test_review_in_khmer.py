"""A manager and an administrator who read Khmer: the review queue, a checklist's history, refusals,
the administration pages and the audit log all speak Khmer, with dates in Khmer."""
import pytest

from monitor.services import review
from tests.support.mini_checklist import complete_document


def _khmer(text: str) -> bool:
    return any("\u1780" <= ch <= "\u17ff" for ch in text)


@pytest.fixture
def app_config(mini_config):
    return mini_config


@pytest.fixture
def office(create_user, create_court, client_for, make_checklist):
    monitor, manager = create_user("monitor"), create_user("manager")
    checklist = make_checklist(monitor, create_court(), complete_document("2025-01-14"))
    return {"checklist": checklist, "browser": client_for(manager), "manager": manager}


def test_review_queue_and_checklist_in_khmer(office):
    browser, checklist = office["browser"], office["checklist"]
    queue = browser.get("/review/?lang=km").text
    assert "<h1>បញ្ជីរង់ចាំការពិនិត្យ</h1>" in queue and "Review queue" not in queue
    assert ">ពិនិត្យ</a>" in queue and ">ទិន្នន័យ</a>" in queue and ">ស្ថិតិ</a>" in queue  # top navigation
    assert "14 មករា 2025" in queue, "the hearing date is written the Khmer way"
    assert "បានដាក់ស្នើ (រង់ចាំពិនិត្យ)" in queue

    page = browser.get(f"/review/checklists/{checklist.uuid}").text  # the language is remembered
    assert "សេចក្តីសម្រេច" in page and "បញ្ជូនត្រឡប់ទៅអ្នកតាមដាន" in page and "Approve" not in page
    assert "<h2>ប្រវត្តិ</h2>" in page and "UTC" not in page, "times are written the reader's way in the programme's time zone"

    english = browser.get("/review/?lang=en").text
    assert "<h1>Review queue</h1>" in english and "Jan 14, 2025" in english


def test_refusals_reach_the_manager_in_khmer(office, make_checklist, create_user):
    browser, checklist = office["browser"], office["checklist"]
    browser.get("/review/?lang=km")
    missing_comment = browser.post(f"/review/checklists/{checklist.uuid}/decide",
                                   data={"action": "return", "comment": "", "revision": checklist.revision})
    assert missing_comment.status_code == 422
    assert "សូមបញ្ជាក់មូលហេតុ៖ អ្នកតាមដាននឹងអានមតិយោបល់នេះ។" in missing_comment.text

    review.review_checklist(checklist, "approve", create_user("manager"))
    stale = browser.post(f"/review/checklists/{checklist.uuid}/decide",
                         data={"action": "approve", "revision": checklist.revision}, follow_redirects=True)
    assert "បញ្ជីត្រួតពិនិត្យដែលបានអនុម័ត មិនអាចទទួលសកម្មភាព &#39;អនុម័ត&#39; បានទេ។" in stale.text

    api = browser.get(f"/api/v1/submissions/{checklist.uuid}/revisions/99", headers={"Accept-Language": "km"})
    assert api.status_code == 404 and api.json["message"] == "បញ្ជីត្រួតពិនិត្យនេះមិនមានកំណែកែប្រែទី 99 ទេ។"


def test_administration_and_audit_log_in_khmer(create_user, client_for, office):
    admin = client_for(create_user("admin"))
    index = admin.get("/admin/?lang=km").text
    assert "<h1>រដ្ឋបាលប្រព័ន្ធ</h1>" in index and "កំណត់ហេតុសវនកម្ម" in index and ">រដ្ឋបាល</a>" in index
    accounts = admin.get("/admin/accounts").text
    assert "អ្នកគ្រប់គ្រងកម្មវិធី" in accounts and "Programme manager" not in accounts

    refused = admin.post("/admin/accounts", data={"username": "dara", "role": "monitor", "password": "short"})
    assert refused.status_code == 422 and "ពាក្យសម្ងាត់ត្រូវមានយ៉ាងហោចណាស់ 10 តួអក្សរ។" in refused.text

    audit = admin.get("/admin/audit").text
    assert "<h1>កំណត់ហេតុសវនកម្ម</h1>" in audit and "ការចូលគណនី" in audit  # the admin's own sign-in
    configuration = admin.get("/admin/configuration").text
    assert "ប្រតិទិនរបាយការណ៍" in configuration and "មករា" in configuration
    assert not _khmer(admin.get("/admin/?lang=en").text.split("<main>")[1])
