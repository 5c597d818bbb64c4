# Sourced by serve.sh and test.sh: `apt_install PACKAGE...` installs Debian packages (with sudo when not
# root). Callers pass only what is missing, so a prepared machine never touches apt.
apt_install() {
  [ "$#" -gt 0 ] || return 0
  local sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null
}
