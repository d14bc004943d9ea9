"""Certificates of volunteer service (志愿服务证明, 谁记录谁证明): numbered per issuing community
and year, a PDF with a QR of the public verification address, verified by anyone with the
number and the code, without any resident's data."""
