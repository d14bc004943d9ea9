"""Uploads in an S3-compatible store (moto's real server, on a free port) behind the same
Storage interface as the local directory; `volunteer storage migrate --to URL`."""

import pytest

from tests.orders.test_photos import fetch, image_bytes, stored_files, uploaded
from tests.services import bucket_keys
from volunteer.cli import main
from volunteer.storage import LocalStorage, Missing, S3Storage, storage_from_url


@pytest.fixture
def bucket(s3_server) -> str:
    return s3_server.bucket()


@pytest.fixture
def in_bucket(app, s3_server, bucket):
    """The app storing its uploads under the prefix `uploads` of a fresh bucket."""
    app.config["STORAGE_URL"] = f"s3://{bucket}/uploads"
    app.config["S3_ENDPOINT_URL"] = s3_server.endpoint
    return bucket


@pytest.mark.parametrize("kind", ["local", "s3"])
def test_both_storages_save_read_stream_list_and_delete(kind, tmp_path, s3_server):
    store = (
        LocalStorage(tmp_path / "files")
        if kind == "local"
        else S3Storage(s3_server.bucket(), "some/prefix", s3_server.endpoint)
    )
    big = bytes(range(256)) * 1000  # 256,000 bytes: several chunks
    key = store.save(big, ".bin")
    other = store.save(b"small", ".txt")
    assert store.read(key) == big
    stream = store.stream(key)
    chunks = list(stream.chunks)
    assert stream.size == len(big) and len(chunks) > 1 and b"".join(chunks) == big
    assert sorted(store.keys()) == sorted([key, other])
    assert store.exists(key)
    store.delete(key)
    assert not store.exists(key)
    assert list(store.keys()) == [other]
    with pytest.raises(Missing):
        store.read(key)
    with pytest.raises(Missing):
        store.stream(key)
    with pytest.raises(ValueError):
        store.read("../secret_key")


def test_storage_urls(tmp_path):
    assert LocalStorage is type(storage_from_url(f"file://{tmp_path}/up"))
    assert storage_from_url(f"file://{tmp_path}/up").root == tmp_path / "up"
    for bad in ("ftp://host/x", "s3:///no-bucket", "/just/a/path"):
        with pytest.raises(ValueError):
            storage_from_url(bad)


def test_photo_is_stored_in_the_bucket_and_streamed_with_the_same_access_checks(
    app, district, post_order, in_bucket, s3_server
):
    order = post_order()
    data = image_bytes("JPEG", size=(300, 200))
    photo = uploaded(district.api.resident, order["id"], data)
    keys = bucket_keys(s3_server, in_bucket)
    assert len(keys) == 1 and keys[0].startswith("uploads/") and keys[0].endswith(".jpg")
    assert stored_files(app) == []  # nothing on the local disk
    served = fetch(district.api.resident, photo["url"])
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "image/jpeg"
    stored = s3_server.client.get_object(Bucket=in_bucket, Key=keys[0])["Body"].read()
    assert served.data == stored
    assert int(served.headers["Content-Length"]) == len(stored)
    # The same access checks as before: another community's resident does not see it.
    assert fetch(district.api.other_resident, photo["url"]).status_code == 404
    assert fetch(district.api.secretary, photo["url"]).status_code == 200


def test_a_photo_missing_from_the_bucket_is_a_404(app, district, post_order, in_bucket, s3_server):
    order = post_order()
    photo = uploaded(district.api.resident, order["id"], image_bytes("PNG"))
    (key,) = bucket_keys(s3_server, in_bucket)
    s3_server.client.delete_object(Bucket=in_bucket, Key=key)
    assert fetch(district.api.resident, photo["url"]).status_code == 404


def test_migrate_copies_local_files_into_the_bucket_once(
    app, runner, district, post_order, s3_server
):
    order = post_order()
    photo = uploaded(district.api.resident, order["id"], image_bytes("JPEG"))
    LocalStorage(app.config["UPLOAD_FOLDER"]).save(b"%PDF report", ".pdf")
    bucket = s3_server.bucket()
    app.config["S3_ENDPOINT_URL"] = s3_server.endpoint
    result = runner.invoke(main, ["storage", "migrate", "--to", f"s3://{bucket}/up"])
    assert result.exit_code == 0, result.output
    assert "2 files copied, 0 already there" in result.output
    assert "Copying 2 files" in result.output  # the progress bar's label
    local = sorted(path.name for path in stored_files(app))
    assert bucket_keys(s3_server, bucket) == [f"up/{name}" for name in local]
    again = runner.invoke(main, ["storage", "migrate", "--to", f"s3://{bucket}/up"])
    assert "0 files copied, 2 already there" in again.output
    # Switched over, the photo is served from the bucket.
    before = fetch(district.api.resident, photo["url"]).data
    app.config["STORAGE_URL"] = f"s3://{bucket}/up"
    for path in stored_files(app):
        path.unlink()
    assert fetch(district.api.resident, photo["url"]).data == before


def test_migrate_refuses_an_unknown_target(runner):
    result = runner.invoke(main, ["storage", "migrate", "--to", "ftp://x/y"])
    assert result.exit_code == 2
    assert "unsupported storage URL" in result.output
