import Link from "next/link";

export default function Home() {
  return (
    <main className="mx-auto max-w-xl p-6">
      <h1 className="text-3xl font-bold">Presença</h1>
      <p className="mt-2">Class attendance with rotating QR codes.</p>
      <p className="mt-4">
        <Link className="underline" href="/api/documentation">
          API documentation
        </Link>
      </p>
    </main>
  );
}
