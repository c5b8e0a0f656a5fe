# Installs missing Debian packages: `ensure_packages NAME...`. Idempotent and quick
# when everything is present; without root (and no password-less sudo) it prints the
# command to run and fails.
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "These Debian packages are missing. Run, then try again:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "Installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# mpirun flags: root needs --allow-run-as-root; --oversubscribe lets tests and demos
# start more ranks than cores.
mpirun_flags() {
  local flags="--oversubscribe"
  [ "$(id -u)" -eq 0 ] && flags="--allow-run-as-root $flags"
  echo "$flags"
}
