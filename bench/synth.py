"""Synthetic plans of a given size for benchmarks, deterministic from a seed.

`generate(root, n, seed)` writes a plan folder with plan.yaml, the six dimensions (three elements and
five indicators each) and `n` action files spread over the dimensions: one quick win per dimension
per year while they last, the rest programs. The text is Indonesian in the style of a real
masterplan (Markdown descriptions, outputs, outcomes, risks, milestones, budgets), and the plan is
valid under `smartplan validate --strict`.

Run as a script: `python bench/synth.py OUT_DIR N [--seed S]`.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

VERSION = "1"  # bump when the output changes, so cached plans are regenerated
START, END = 2025, 2034

DIMENSIONS = {
    "governance": ("Smart Governance", ["pelayanan-publik", "manajemen-birokrasi", "kebijakan-publik"]),
    "branding": ("Smart Branding", ["ekosistem-pariwisata", "ekosistem-bisnis", "wajah-kota"]),
    "economy": ("Smart Economy", ["ekosistem-industri", "kesejahteraan-rakyat", "transaksi-keuangan"]),
    "living": ("Smart Living", ["tata-ruang", "sarana-transportasi", "prasarana-kesehatan"]),
    "society": ("Smart Society", ["interaksi-masyarakat", "ekosistem-belajar", "keamanan-masyarakat"]),
    "environment": ("Smart Environment", ["proteksi-lingkungan", "pengelolaan-sampah", "tata-kelola-energi"]),
}
AGENCIES = [
    ("diskominfo", "Dinas Komunikasi dan Informatika"),
    ("bappeda", "Badan Perencanaan Pembangunan Daerah"),
    ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    ("dinas-pupr", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("dlh", "Dinas Lingkungan Hidup"),
    ("disperkim", "Dinas Perumahan dan Kawasan Permukiman"),
    ("dinkes", "Dinas Kesehatan"),
    ("disdik", "Dinas Pendidikan"),
    ("dishub", "Dinas Perhubungan"),
    ("diskumkm", "Dinas Koperasi, Usaha Kecil dan Menengah"),
    ("disparbud", "Dinas Pariwisata dan Kebudayaan"),
    ("dukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("bpbd", "Badan Penanggulangan Bencana Daerah"),
    ("satpol-pp", "Satuan Polisi Pamong Praja"),
    ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
    ("bpkpd", "Badan Pengelolaan Keuangan dan Pendapatan Daerah"),
]
FUNDING = [
    ("apbd-kota", "APBD Kota"),
    ("apbd-provinsi", "APBD Provinsi Jawa Barat"),
    ("apbn-dak", "APBN / Dana Alokasi Khusus"),
    ("csr", "Tanggung jawab sosial perusahaan (CSR)"),
    ("kpbu", "Kerja sama pemerintah dan badan usaha (KPBU)"),
    ("hibah", "Hibah"),
]
SYSTEMS = ["Sistem Informasi", "Aplikasi", "Portal", "Dasbor", "Layanan Daring", "Platform", "Pusat Data", "Jaringan"]
SUBJECTS = [
    "Perizinan",
    "Pengaduan Masyarakat",
    "Kepegawaian",
    "Keuangan Daerah",
    "Pariwisata",
    "UMKM",
    "Pasar Rakyat",
    "Transportasi Umum",
    "Parkir",
    "Kesehatan Ibu dan Anak",
    "Puskesmas",
    "Sekolah",
    "Perpustakaan",
    "Bank Sampah",
    "Air Bersih",
    "Penerangan Jalan",
    "Tata Ruang",
    "Kebencanaan",
    "Keamanan Lingkungan",
    "Kependudukan",
    "Bantuan Sosial",
    "Pertanian Kota",
    "Ruang Terbuka Hijau",
    "Energi Surya",
    "Pajak Daerah",
    "Satu Data",
]
QUALIFIERS = ["Terpadu", "Berbasis Digital", "Kota Banjar", "Cerdas", "Terintegrasi", "Partisipatif", "Mandiri"]
PLACES = ["Kecamatan Banjar", "Kecamatan Purwaharja", "Kecamatan Pataruman", "Kecamatan Langensari", "seluruh kota"]
SENTENCES = [
    "Program ini menyatukan layanan {subject} yang selama ini tersebar di beberapa perangkat daerah.",
    "Warga dapat mengakses layanan {subject} kapan saja melalui ponsel tanpa harus datang ke kantor.",
    "Data {subject} dikumpulkan sekali dan dipakai bersama sesuai prinsip **Satu Data Indonesia**.",
    "Pelaksanaan dimulai di {place} lalu diperluas secara bertahap ke kecamatan lain.",
    "Perangkat daerah pengampu menyiapkan standar operasional prosedur dan pelatihan petugas.",
    "Capaian dipantau setiap triwulan dan dilaporkan dalam rapat Dewan Smart City.",
    "Kegiatan ini selaras dengan RPJMD dan arsitektur SPBE Kota Banjar.",
    "Masukan warga dihimpun melalui forum musyawarah dan kanal pengaduan daring.",
]
OUTPUTS = [
    "Aplikasi {subject} yang dapat diakses warga",
    "Basis data {subject} yang mutakhir",
    "Standar operasional prosedur layanan {subject}",
    "Petugas {subject} terlatih di setiap kecamatan",
    "Laporan evaluasi tahunan {subject}",
]
OUTCOMES = [
    "Waktu layanan {subject} lebih singkat",
    "Kepuasan warga terhadap layanan {subject} meningkat",
    "Keputusan pimpinan didukung data {subject} yang akurat",
]
RISKS = [
    ("Keterbatasan anggaran daerah", "Mengusulkan pendanaan bersama melalui DAK dan CSR"),
    ("Rendahnya literasi digital warga", "Pendampingan oleh relawan TIK di kelurahan"),
    ("Gangguan jaringan internet", "Menyediakan jalur cadangan dan layanan luring"),
    ("Data antar perangkat daerah tidak seragam", "Menetapkan standar data melalui forum Satu Data"),
]


def _description(rng: random.Random, subject: str) -> str:
    picks = rng.sample(SENTENCES, 5)
    place = rng.choice(PLACES)
    first = " ".join(s.format(subject=subject.lower(), place=place) for s in picks[:3])
    steps = "\n".join(f"- {s.format(subject=subject.lower(), place=place)}" for s in picks[3:])
    return f"{first}\n\nLangkah utama:\n\n{steps}\n"


def _block(text: str, indent: str = "  ") -> str:
    return "|\n" + "".join(f"{indent}{line}\n" if line else "\n" for line in text.splitlines())


def _plan_yaml() -> str:
    agencies = "".join(f"  - id: {ident}\n    name: {name}\n" for ident, name in AGENCIES)
    funding = "".join(f"  - id: {ident}\n    name: {name}\n" for ident, name in FUNDING)
    return f"""language: id
document:
  title: Masterplan Smart City Kota Sintetis {START}-{END}
  version: "1.0"
  date: 2024-10-31
  status: draft
  prepared_by: Dinas Komunikasi dan Informatika
city:
  name: Kota Sintetis
  type: kota
  province: Jawa Barat
  region_code: "32.79"
period:
  start: {START}
  end: {END}
introduction:
  background: |
    Rencana sintetis untuk mengukur kecepatan smartplan pada masterplan yang sangat besar.
  purpose: |
    Menguji validasi dan penyusunan dokumen dengan ribuan program.
  scope: |
    Enam dimensi smart city untuk periode {START}-{END}.
profile:
  summary: |
    Kota sintetis dengan profil mirip kota sedang di Jawa Barat.
readiness:
  summary: |
    Kesiapan daerah dinilai dari struktur, infrastruktur dan suprastruktur.
vision: Kota yang cerdas, sejahtera dan berdaya saing
missions:
  - id: m1
    text: Mewujudkan tata kelola pemerintahan yang efektif dan efisien berbasis digital.
agencies:
{agencies}funding_sources:
{funding}sources:
  - id: estimasi-opd
    title: Estimasi tim penyusun, menunggu konfirmasi perangkat daerah
    placeholder: true
head_of_region:
  position: Wali Kota Sintetis
foreword: |
  Kata pengantar rencana induk sintetis untuk pengukuran kinerja.
approval:
  - position: Kepala Dinas Komunikasi dan Informatika
  - position: Wali Kota Sintetis
"""


def _dimension_yaml(ident: str, rng: random.Random) -> str:
    name, elements = DIMENSIONS[ident]
    lines = [
        f"id: {ident}",
        f"name: {name}",
        f"goal: Tujuan {name} Kota Sintetis.",
        "existing_conditions: |",
        "  Kondisi eksisting dimensi ini dirangkum dari data perangkat daerah.",
        "elements:",
    ]
    for element in elements:
        lines += [f"  - id: {element}", f"    name: {element.replace('-', ' ').title()}"]
    lines.append("indicators:")
    for i in range(1, 6):
        base = rng.randint(20, 60)
        lines += [
            f"  - id: {ident}-{i}",
            f"    name: Indikator {i} {name}",
            f"    element: {elements[(i - 1) % 3]}",
            "    unit: persen",
            "    type: outcome",
            "    direction: higher",
            "    baseline:",
            "      year: 2023",
            f"      value: {base}",
            "      source: estimasi-opd",
            "    targets:",
            *(f"      {year}: {base + 3 * (year - START + 1)}" for year in range(START, START + 5)),
            "    source: estimasi-opd",
            "    data_source: Perangkat daerah terkait",
        ]
    return "\n".join(lines) + "\n"


def _action_yaml(rng: random.Random, ident: str, dimension: str, year: int | None, deps: list[str]) -> str:
    subject = rng.choice(SUBJECTS)
    elements = DIMENSIONS[dimension][1]
    agencies = rng.sample([a for a, _ in AGENCIES], 3)
    name = f"{rng.choice(SYSTEMS)} {subject} {rng.choice(QUALIFIERS)}"
    lines = [f"id: {ident}", f"name: {name}"]
    if year is not None:
        lines.append(f"year: {year}")
        first, last = year, year
    else:
        first = rng.randint(START, END - 2)
        last = rng.randint(first + 1, END)
        lines += [f"term: {'medium' if last - first <= 4 else 'long'}", f"start: {first}", f"end: {last}"]
    lines += [
        f"dimension: {dimension}",
        f"element: {rng.choice(elements)}",
        f"lead_agency: {agencies[0]}",
        f"supporting_agencies: [{agencies[1]}, {agencies[2]}]",
        f"description: {_block(_description(rng, subject))}".rstrip("\n"),
        "outputs:",
        *(f"  - {o.format(subject=subject.lower())}" for o in rng.sample(OUTPUTS, 3)),
        "outcomes:",
        *(f"  - {o.format(subject=subject.lower())}" for o in rng.sample(OUTCOMES, 2)),
        f"impact: Kualitas hidup warga meningkat melalui layanan {subject.lower()} yang lebih baik",
        "indicators:",
    ]
    for number in rng.sample(range(1, 6), 2):
        lines += [f"  - indicator: {dimension}-{number}", f"    target: {rng.randint(60, 95)}"]
    lines.append("budget:")
    for budget_year in range(first, min(last, first + 3) + 1):
        amount = rng.randint(5, 200) * 10_000_000
        lines += [f"  - year: {budget_year}", f"    amount: {amount}", f"    funding: {rng.choice(FUNDING)[0]}"]
    lines += ["source: estimasi-opd", f"status: {rng.choice(['planned', 'planned', 'ongoing'])}", "risks:"]
    for risk, mitigation in rng.sample(RISKS, 2):
        lines += [f"  - risk: {risk}", f"    mitigation: {mitigation}"]
    if deps:
        lines += ["depends_on:", *(f"  - {dep}" for dep in deps)]
    lines.append(f"location: {rng.choice(PLACES).capitalize()}")
    if year is not None:
        lines += [
            "schedule:",
            "  - activity: Perancangan dan pengadaan",
            f"    start: {year}-02",
            f"    end: {year}-05",
            "  - activity: Uji coba dan peluncuran",
            f"    start: {year}-06",
            f"    end: {year}-11",
        ]
    else:
        lines.append("milestones:")
        for milestone_year in sorted(rng.sample(range(first, last + 1), 2)):
            lines += [f"  - year: {milestone_year}", f"    milestone: Tahap {subject.lower()} {milestone_year} selesai"]
    return "\n".join(lines) + "\n"


def generate(root: Path, n: int, seed: int = 2024) -> Path:
    """Write a valid plan with `n` quick win and program files below `root`; return root."""
    rng = random.Random(seed)
    for folder in ("dimensions", "quickwins", "programs"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "plan.yaml").write_text(_plan_yaml(), encoding="utf-8")
    for ident in DIMENSIONS:
        (root / "dimensions" / f"{ident}.yaml").write_text(_dimension_yaml(ident, rng), encoding="utf-8")
    quickwins = [(dim, year) for year in range(START, END + 1) for dim in DIMENSIONS][: max(6, n // 20)]
    programs: list[str] = []
    for index in range(n):
        if index < len(quickwins):
            dimension, year = quickwins[index]
            ident, folder = f"qw-{year}-{dimension}", "quickwins"
            deps: list[str] = []
        else:
            dimension = list(DIMENSIONS)[index % 6]
            ident, folder, year = f"{dimension}-program-{index:05d}", "programs", None
            deps = sorted(set(rng.sample(programs, min(len(programs), rng.randint(0, 2)))))
            programs.append(ident)
        text = _action_yaml(rng, ident, dimension, year, deps)
        (root / folder / f"{ident}.yaml").write_text(text, encoding="utf-8")
    (root / ".synth").write_text(f"{VERSION} {n} {seed}\n", encoding="utf-8")
    return root


def cached(root: Path, n: int, seed: int = 2024) -> Path:
    """The synthetic plan at `root`, generated again only if missing or made with other settings."""
    stamp = root / ".synth"
    if stamp.exists() and stamp.read_text(encoding="utf-8").split() == [VERSION, str(n), str(seed)]:
        return root
    if root.exists():
        import shutil

        shutil.rmtree(root)
    return generate(root, n, seed)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    print(generate(args.out, args.n, args.seed))
