#!/usr/bin/env python3
# test-robustness-fuzz.py — the property test of issue #17: a few thousand
# generated command lines and parameter files (valid, boundary, malformed,
# huge, binary, special paths) against every mode and the window's parser,
# recordings (export --animate), handouts (export --lesson, lesson files),
# pins, comparisons and hidden series, and parameter sets' [view] group.
# Each run is under a timeout and must:
#   - exit with status 0, 1 or 2 (no crash, no abort, no signal),
#   - print nothing on stdout when the status is 2 (bad input),
#   - report no sanitizer error or leak and no GLib/Pango critical or
#     warning on stderr,
#   - end before the timeout (no hang: FIFOs, devices, huge files).
# Sizes are kept small (d ≤ 64, a few points) so that valid runs are fast
# under AddressSanitizer. The generator is seeded: a failure prints the
# command line and the files it used, and ONESTEP_FUZZ_SEED reproduces it.
# Prints TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
import concurrent.futures
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1])
ASAN = b'libasan' in subprocess.run(['ldd', BIN], capture_output=True).stdout
CASES = int(os.environ.get('ONESTEP_FUZZ_CASES', '0')) or (2000 if ASAN else 1000)
SEED = int(os.environ.get('ONESTEP_FUZZ_SEED', '17'))
TIMEOUT = 90 if ASAN else 30
WORKERS = int(os.environ.get('ONESTEP_FUZZ_JOBS', '2'))

rng = random.Random(SEED)
tmp = tempfile.mkdtemp(prefix='onestep-fuzz-')
# half the cases are clean (every value valid or on its boundary), half
# dirty (malformed values, special paths and stray flags mixed in)
dirty = False


def maybe(p):
    """True with probability p in a dirty case, never in a clean one."""
    return dirty and rng.random() < p

# ---- values -----------------------------------------------------------------

PARAMS = {  # name: (min, max)
    'eta': (0, 10), 'alpha0': (0.01, 100), 'alpha': (0.01, 100),
    'beta': (0.1, 10), 'lambda': (1e-6, 10), 'noise': (0, 2),
}
MALFORMED_NUMBERS = [
    '', ' ', '0x10', '0X1p3', '1e-320', '-1e-400', '1e999', '-1e999', 'inf', '-inf', 'nan', 'NaN',
    '2 ', ' 2', '2x', '1,5', '1.2.3', '--1', '+-1', '.', 'e5', '1e', '1e+', '٣', '２', '\u00a02',
    '1' * 400, '0.' + '0' * 400 + '1', '-', 'true', '\x7f', 'null', '1_000', '1e3e3', '0b101', '017',
]
MALFORMED_INTS = ['1e3', '2.0', '0x40', '-0', '+40', '40 ', '', '99999999999999999999', '-99999999999999999999',
                  '4e1', '40.', '٤٠', 'forty', '0040']
WORDS = {
    'student': ['tanh', 'erf', 'relu', 'sin', 'TANH', 'linear', 'he2', 'cosh', '', 'tanh ', 'ReLU'],
    'teacher': ['linear', 'tanh', 'erf', 'relu', 'sin', 'he2', 'he3', 'he1+he2', 'He1+He2', 'he4', 'x', ''],
    'sweep': ['eta', 'alpha0', 'alpha', 'beta', 'lambda', 'noise', 'gamma', 'ETA', '', 'alpha '],
    'format': ['csv', 'json', 'CSV', 'xml', ''],
    'preset': ['reference-tanh', 'reference-sin', 'kernel', 'even-teacher', 'large-step',
               'interpolation-peak', 'wide', 'nope', ''],
    'spectrum': ['weights', 'features', 'Weights', 'both', ''],
    'matrix': ['weights', 'features', 'gram', ''],
    'plot': ['error', 'spectrum', 'overlaps', 'function', 'all', 'phase', 'heatmap', ''],
    'page': ['curves', 'phase', 'other'],
}


def number(name):
    lo, hi = PARAMS[name]
    if maybe(0.4):
        return rng.choice(MALFORMED_NUMBERS + [repr(lo - 1e-9), repr(hi * 1.0000001)])
    if rng.random() < 0.15:
        return rng.choice([repr(lo), repr(hi), '%g' % lo, '%.17g' % hi])
    return repr(round(rng.uniform(lo, min(hi, lo + 3)), rng.randint(0, 6)))


def small_int(lo, hi):
    if maybe(0.3):
        return rng.choice(MALFORMED_INTS + [str(lo - 1), str(hi + 1), '0', '-5'])
    return str(rng.randint(lo, hi))


def word(kind):
    if maybe(0.3):
        return rng.choice(WORDS[kind])
    return rng.choice(WORDS[kind][:VALID_WORDS[kind]])


# ---- parameter files ------------------------------------------------------------

KEYS = ['student', 'teacher', 'eta', 'alpha0', 'alpha', 'beta', 'lambda', 'noise',
        'x_axis', 'x_from', 'x_to', 'x_points', 'x_log', 'simulate', 'd', 'seeds', 'seed', 'network_size',
        'quantity', 'y_axis', 'y_from', 'y_to']


# how many of each list's first words are valid
VALID_WORDS = {'student': 4, 'teacher': 8, 'sweep': 6, 'format': 2, 'preset': 7, 'spectrum': 2,
               'matrix': 2, 'plot': 6, 'page': 2}


def key_value(key):
    if key in PARAMS:
        return number(key)
    if key in ('student', 'teacher'):
        return word(key)
    if key == 'x_axis':
        return word('sweep')
    if key in ('x_from', 'x_to'):
        return number(rng.choice(list(PARAMS)))
    if key == 'x_points':
        return small_int(2, 12)
    if key in ('x_log', 'simulate'):
        return rng.choice(['true', 'false', '1', '0', 'yes', 'TRUE', ''] if dirty else ['true', 'false', '1', '0'])
    if key == 'd':
        return small_int(10, 64)
    if key == 'seeds':
        return small_int(1, 2)
    if key == 'quantity':
        return rng.choice(['eg', 'gain-kernel', 'gain-linear', 'best-lambda'] + (['x', ''] if dirty else []))
    if key == 'y_axis':
        return word('sweep')
    if key in ('y_from', 'y_to'):
        return number(rng.choice(list(PARAMS)))
    if key == 'network_size':
        return rng.choice(['inf', 'INF', '10', '1000', '100000000'] + (['9', '1e3', 'infinity', ''] if dirty else []))
    if dirty:
        return rng.choice(['0', '1', '7', '18446744073709551615', '18446744073709551616', '-1', 'x'])
    return rng.choice(['0', '1', '7', '18446744073709551615'])


SERIES = ['test', 'train', 'kernel', 'floor-linear', 'floor-spike', 'optimal-eta', 'network-test', 'slider',
          'spectrum-init', 'outliers', 'm', 'theta', 'learned', 'target']


def series_list():
    names = rng.sample(SERIES, rng.randint(1, 3))
    if maybe(0.3):
        names.append(rng.choice(['nope', '', 'TEST', 'test ']))
    return ','.join(names)


def pin_spec():
    parts = []
    for name in rng.sample(list(PARAMS), rng.randint(0 if dirty else 1, 2)):
        parts.append(name + '=' + number(name))
    if maybe(0.2):
        parts.append(rng.choice(['gamma=1', 'eta', '=1', 'eta==1']))
    return ','.join(parts)


def view_lines():
    """A parameter set's [view] group (the window's whole view)."""
    lines = ['[view]'] if not maybe(0.1) else ['[View]']
    choices = {
        'spectrum': lambda: word('spectrum'), 'centered': lambda: rng.choice(['true', 'false']),
        'spectrum_log': lambda: rng.choice(['true', 'false'] + (['maybe'] if dirty else [])),
        'optimal_eta': lambda: rng.choice(['true', 'false']), 'page': lambda: word('page'),
        'hide': series_list, 'animate': lambda: rng.choice(['eta', 'alpha', 'none'] + (['gamma'] if dirty else [])),
        'animate_from': lambda: number('eta'), 'animate_to': lambda: number('eta'),
        'frames': lambda: small_int(2, 200), 'fps': lambda: small_int(1, 60),
        'bounce': lambda: rng.choice(['true', 'false']),
        'pin1': pin_spec, 'pin2': pin_spec, 'pin4': pin_spec,
    }
    for key in rng.sample(list(choices), rng.randint(0, 5)):
        lines.append(key + '=' + choices[key]())
    if maybe(0.2):
        lines.append(rng.choice(['pin5=eta=1', 'speed=2', 'eta=1']))
    return lines


def param_text():
    lines = ['# generated'] if rng.random() < 0.5 else []
    if not maybe(0.1):
        lines.append('[parameters]')
    else:
        lines.append(rng.choice(['[params]', '[parameters', '']))
    for key in rng.sample(KEYS, rng.randint(0, 8)):
        sep = rng.choice(['=', ' = ', ':', '=='] if dirty else ['=', ' = '])
        lines.append(key + sep + key_value(key))
    if maybe(0.2):
        lines.append(rng.choice(['eta=1', 'speed=3', 'just text', '[parameters]', 'x_points=1', 'd=5000']))
    if rng.random() < 0.3:
        lines += view_lines()
    text = '\n'.join(lines) + rng.choice(['\n', '', '\r\n'])
    data = text.encode('utf-8', 'surrogatepass')
    if not dirty:
        return (b'\xef\xbb\xbf' if rng.random() < 0.05 else b'') + data
    r = rng.random()
    if r < 0.08:
        data = b'\xef\xbb\xbf' + data                     # a byte-order mark
    elif r < 0.16 and data:
        b = bytearray(data)                               # a few flipped bytes
        for _ in range(rng.randint(1, 4)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        data = bytes(b)
    elif r < 0.19:
        data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))   # binary
    elif r < 0.21:
        data = b'[parameters]\n' + b'#' * rng.choice([65536 - 13, 65536 - 12, 70000, 300000])   # huge
    elif r < 0.23:
        data = data.replace(b'\n', b'\x00', 1)              # a NUL
    return data


FIFO = os.path.join(tmp, 'fifo.ini')
os.mkfifo(FIFO)
SPECIAL_PATHS = [FIFO, '/dev/zero', '/dev/null', '/dev/urandom', tmp, os.path.join(tmp, 'missing.ini'),
                 os.path.join(tmp, 'plain', 'under-a-file.ini'), os.path.join(tmp, 'link-to-fifo.ini'),
                 os.path.join(tmp, 'loop.ini'), os.path.join(tmp.encode(), b'\xff.ini')]
open(os.path.join(tmp, 'plain'), 'w').write('x')
os.symlink(FIFO, os.path.join(tmp, 'link-to-fifo.ini'))
os.symlink('loop.ini', os.path.join(tmp, 'loop.ini'))


def params_path(case_dir):
    if maybe(0.3):
        return rng.choice(SPECIAL_PATHS)
    path = os.path.join(case_dir, rng.choice(['p.ini', 'p', 'p with space.ini']))
    with open(path, 'wb') as f:
        f.write(param_text())
    return path


# ---- command lines -----------------------------------------------------------------

def parameter_flags(case_dir):
    args = []
    for _ in range(rng.randint(0, 4)):
        r = rng.random()
        if r < 0.6:
            name = rng.choice(list(PARAMS))
            args += ['--' + name, number(name)]
        elif r < 0.75:
            kind = rng.choice(['student', 'teacher'])
            args += ['--' + kind, word(kind)]
        elif r < 0.9:
            args += ['--params', params_path(case_dir)]
        else:
            args += ['--preset', word('preset')]
    return args


def sweep_flags(lo_points, hi_points):
    args = []
    if rng.random() < 0.5:
        axis = word('sweep')
        args += ['--sweep', axis]
        bounds = PARAMS.get(axis.strip().lower(), (0.1, 5))
        if not maybe(0.15):
            a = rng.uniform(bounds[0], min(bounds[1], bounds[0] + 3))
            b = rng.uniform(bounds[0], min(bounds[1], bounds[0] + 3))
            args += ['--from', rng.choice([repr(a), number('eta')]) if dirty else repr(a), '--to', repr(b)]
        args += ['--points', small_int(lo_points, hi_points)]
        if rng.random() < 0.3:
            args.append(rng.choice(['--log', '--linear']))
    elif maybe(0.2):
        args += rng.choice([['--from', '1'], ['--to', '2'], ['--points', '3'], ['--log'], ['--log', '--linear']])
    return args


def junk():
    return rng.choice([['--unknown'], ['extra'], ['--'], ['--eta'], ['-x'], ['--d='], ['--help'],
                       ['--version'], ['--format', word('format')], ['--points', '100001'],
                       ['--seed', '-1'], ['--seed', '2147483648'], ['--memory-budget', '0'],
                       ['--memory-budget', '1048577'], ['--page', word('page')], [b'\xff'], [b'--eta=\xff'],
                       ['--params', b'\xff\xfe.ini']])


def network_size():
    return rng.choice(['inf', '10', '1000', '100000000'] + (['9', '1e3', 'infinity', '-1'] if dirty else []))


def theory_case(d):
    args = ['theory'] + parameter_flags(d) + sweep_flags(1, 12)
    if rng.random() < 0.2:
        args += ['--d', rng.choice(['10', '1000', '100000000'] + (['9', 'inf', '1e3'] if dirty else []))]
    if rng.random() < 0.15:
        args.append(rng.choice(['--baseline', '--learned-function']))
    if rng.random() < 0.1:
        args += ['--kappa-nodes', small_int(8, 64)]
    return args


def network_flags(lo_d, hi_d):
    args = []
    if rng.random() < 0.9:
        args += ['--d', small_int(lo_d, hi_d)]
    if rng.random() < 0.4:
        args += ['--seeds', small_int(1, 2)]
    if rng.random() < 0.3:
        args += ['--seed', small_int(0, 100)]
    return args


def simulate_case(d):
    args = ['simulate'] + parameter_flags(d) + network_flags(10, 48)
    if '--d' not in args:
        args += ['--d', '24']
    if rng.random() < 0.3:
        args += ['--sweep', word('sweep'), '--values', ','.join(number('alpha') for _ in range(rng.randint(1, 3)))]
    elif rng.random() < 0.2:
        args += ['--sweep', 'alpha', '--from', '0.5', '--to', '2', '--points', small_int(1, 3)]
    if rng.random() < 0.15:
        if rng.random() < 0.5:
            # refused by the budget before any allocation
            args[args.index('--d') + 1] = rng.choice(['3000', '100000', '1000000'])
            args += ['--memory-budget', rng.choice(['1', '2'])]
        else:
            args += ['--memory-budget', rng.choice(['1', '2048'])]
    if rng.random() < 0.1:
        args += ['--ntest', rng.choice(['2000', '1999', '2000x'] if dirty else ['2000', '2500'])]
    return args


def spectrum_case(d):
    args = ['spectrum'] + parameter_flags(d)
    theory = rng.random() < 0.5
    if theory:
        args.append('--theory')
        if rng.random() < 0.3:
            args.append('--init')
        if rng.random() < 0.5:
            args += ['--points', small_int(16, 64)]
        if rng.random() < 0.5:
            args += ['--d', rng.choice(['1', '10', '1000', '100000000'] + (['0', '100000001'] if dirty else []))]
    else:
        args += ['--d', small_int(10, 48)]
        if rng.random() < 0.3:
            args += ['--seed', small_int(0, 10)]
        if rng.random() < 0.1:
            args += ['--memory-budget', '1', '--d', '5000']
    if rng.random() < 0.4:
        args += ['--matrix', word('matrix')]
    if rng.random() < 0.2:
        args.append(rng.choice(['--center', '--centered']))
    return args


def output_path(case_dir, ext):
    if not maybe(0.4):
        return os.path.join(case_dir, 'out' + ext)
    return rng.choice([
        os.path.join(case_dir, 'missing-dir', 'out' + ext),
        os.path.join(tmp, 'plain', 'out' + ext),
        case_dir,
        os.path.join(case_dir, 'null' + ext),        # a symbolic link to /dev/null
        os.path.join(case_dir, 'fifo' + ext),        # a FIFO
        os.path.join(case_dir, 'out'),
        '/dev/full',
    ])


def export_case(d):
    os.symlink('/dev/null', os.path.join(d, 'null.png'))
    os.mkfifo(os.path.join(d, 'fifo.png'))
    plot = word('plot')
    args = ['export', '--plot', plot] + parameter_flags(d)
    ext = rng.choice(['.png', '.png', '.svg', '.pdf', '.PNG'] + (['.csv', '.gif', ''] if dirty else []))
    if not maybe(0.05):
        args += ['--output', output_path(d, ext)]
    args += ['--width', small_int(16, 240), '--height', small_int(16, 180)]
    if rng.random() < 0.3:
        args += ['--scale', rng.choice(['0.25', '1', '2', '8.5', '0', 'x'] if dirty else ['0.25', '1', '2'])]
    if plot == 'phase':
        args += ['--points', small_int(2, 6)]
        if rng.random() < 0.3:
            args += ['--x-axis', word('sweep')]
    else:
        args += sweep_flags(2, 12)
        if '--points' not in args:
            args += ['--points', small_int(2, 12)]
    if rng.random() < 0.3:
        args += ['--csv', output_path(d, rng.choice(['.csv', '.csv', '.txt'] if dirty else ['.csv']))]
    if rng.random() < 0.2:
        args += ['--simulate', '--d', small_int(10, 32), '--seeds', '1', '--sim-points', small_int(1, 2)]
    elif maybe(0.1):
        args += ['--d', '40']                     # needs --simulate
    if rng.random() < 0.2:
        args += ['--spectrum', word('spectrum')]
    if rng.random() < 0.1:
        args += rng.choice([['--centered'], ['--spectrum-log'], ['--presentation']])
    if rng.random() < 0.15:
        args += ['--network-size', network_size()]
    if rng.random() < 0.2:
        args += rng.choice([['--dpi', rng.choice(['72', '300'] + (['0', '1e3'] if dirty else []))],
                            ['--legend', rng.choice(['best', 'outside', 'none'] + (['left'] if dirty else []))],
                            ['--no-title'], ['--marker'], ['--log-y'],
                            ['--font-size', rng.choice(['8', '14'] + (['0', 'x'] if dirty else []))],
                            ['--ylim', rng.choice(['0,0.5'] + (['1,0', 'a,b'] if dirty else []))],
                            ['--boxes', output_path(d, rng.choice(['.json'] + (['.txt'] if dirty else [])))],
                            ['--quantity', rng.choice(['eg', 'gain-kernel', 'best-lambda'] + (['x'] if dirty else []))],
                            ['--y-axis', word('sweep')]])
    if rng.random() < 0.2:
        args += rng.choice([['--hide', series_list()], ['--pin', pin_spec()], ['--pin', pin_spec(), '--pin', pin_spec()],
                            ['--compare', rng.choice(list(PARAMS)) + '=' + ','.join(
                                number('eta') for _ in range(rng.randint(1 if dirty else 2, 9 if dirty else 4)))],
                            ['--optimal-eta']])
    return args


def animate_case(d):
    """export --animate: a few small frames as GIF or WebM (MP4 when x264enc is there)."""
    os.symlink('/dev/null', os.path.join(d, 'null.gif'))
    os.mkfifo(os.path.join(d, 'fifo.gif'))
    name = rng.choice(['eta', 'alpha0', 'alpha', 'beta', 'lambda', 'noise'] + (['gamma', ''] if dirty else []))
    args = ['export', '--animate', name, '--frames', small_int(2, 5), '--width', rng.choice(['64', '96']),
            '--height', rng.choice(['48', '64'] + (['47', '0'] if dirty else []))]
    if rng.random() < 0.5:
        lo, hi = PARAMS.get(name, (0, 1))
        args += ['--from', repr(rng.uniform(lo, min(hi, lo + 2))), '--to', repr(rng.uniform(lo, min(hi, lo + 2)))]
    if rng.random() < 0.3:
        args += ['--fps', small_int(1, 60)]
    if rng.random() < 0.2:
        args.append('--bounce')
    if rng.random() < 0.3:
        args += ['--plot', word('plot')]
    if rng.random() < 0.2:
        args += rng.choice([['--hide', series_list()], ['--pin', pin_spec()]])
    args += parameter_flags(d)
    ext = rng.choice(['.gif', '.webm', '.gif'] + (['.mp4', '.avi', '.png', ''] if dirty else []))
    if not maybe(0.05):
        args += ['--output', output_path(d, ext)]
    return args


LESSON_KEYS = ['caption', 'eta', 'alpha0', 'alpha', 'beta', 'lambda', 'noise', 'checks', 'hide', 'x_axis', 'page']


def lesson_case(d):
    """export --lesson: a built-in lesson or a generated lesson file, to a PDF handout."""
    if rng.random() < 0.3:
        lesson = rng.choice(['paper-story', 'spectra'] + (['nothing', ''] if dirty else []))
    else:
        lesson = os.path.join(d, 'mine.lesson')
        lines = ['[lesson]', 'title=' + rng.choice(['T', 'A lesson', ''])]
        for step in range(1, rng.randint(1, 3) + 1):
            lines.append('[step %d]' % step if not maybe(0.1) else rng.choice(['[step 0]', '[step x]', '[steps 1]']))
            lines.append('caption=' + rng.choice(['ε<sub>g</sub> = {eg}', 'plain', '{nope}', '<b>unclosed']))
            for key in rng.sample(LESSON_KEYS[1:], rng.randint(0, 3)):
                value = (number(key) if key in PARAMS else series_list() if key == 'hide'
                         else word('sweep') if key == 'x_axis' else word('page') if key == 'page'
                         else rng.choice(['eg > prev.eg', 'eg == kernel', 'eg <', 'm > 0']))
                lines.append(key + '=' + value)
        with open(lesson, 'wb') as f:
            f.write('\n'.join(lines).encode() + b'\n')
    args = ['export', '--lesson', lesson]
    if not maybe(0.05):
        args += ['--output', output_path(d, rng.choice(['.pdf', '.pdf'] + (['.png', ''] if dirty else [])))]
    if maybe(0.2):
        args += ['--eta', '1']
    return args


def window_case(d):
    args = parameter_flags(d) + sweep_flags(2, 50)
    if rng.random() < 0.3:
        args += ['--simulate', '--d', small_int(50, 4000), '--seeds', small_int(1, 20)]
    if rng.random() < 0.2:
        args += ['--page', word('page')]
    if rng.random() < 0.15:
        args += ['--network-size', network_size()]
    if rng.random() < 0.2:
        args += rng.choice([['--hide', series_list()], ['--pin', pin_spec()], ['--animate', 'eta', '--fps', small_int(1, 60)],
                            ['--lesson', rng.choice(['paper-story', 'spectra'] + (['nothing'] if dirty else [])),
                             '--step', small_int(1, 9)], ['--optimal-eta']])
    if maybe(0.2):
        args += ['--screenshot', rng.choice(['x.jpg', ''])]      # refused before any window
    return args + ['--version']


def bench_case(d):
    return ['bench'] + rng.choice([[], ['nope'], ['theory', 'extra'], ['--repeats', '0', 'theory'],
                                   ['--repeats', '1e3', 'theory'], ['--help'], ['--version'],
                                   ['spectrum', '--repeats', '1'], ['theory', '--repeats', '1'],
                                   ['--repeats', 'x']])


def merge_case(d):
    """merge FILE…: real shards of a tiny sweep, damaged copies, special paths."""
    paths = []
    if not dirty and len(SHARDS) == 2 and rng.random() < 0.8:
        for i, data in enumerate(rng.sample(SHARDS, 2)):     # every shard once, in any order
            paths.append(os.path.join(d, 'shard%d.csv' % i))
            with open(paths[-1], 'wb') as f:
                f.write(data)
        return ['merge'] + paths + (['--format', word('format')] if rng.random() < 0.3 else [])
    for i in range(rng.randint(1, 3)):
        path = os.path.join(d, 'shard%d.csv' % i)
        if rng.random() < 0.5 and SHARDS:
            data = rng.choice(SHARDS)
            if dirty:
                b = bytearray(data)
                for _ in range(rng.randint(1, 6)):
                    b[rng.randrange(len(b))] = rng.randrange(256)
                data = bytes(b) if rng.random() < 0.7 else data[:rng.randrange(len(data) + 1)]
        else:
            data = param_text()
        with open(path, 'wb') as f:
            f.write(data)
        paths.append(path)
    if maybe(0.3):
        paths.append(rng.choice(SPECIAL_PATHS))
    return ['merge'] + paths + (['--format', word('format')] if rng.random() < 0.3 else [])


def top_case(d):
    return rng.choice([['nope'], ['help'], ['--help'], ['--help-all'], ['THEORY'], [''], ['-'], ['--eta']])


def unwritable_case(d):
    """A valid export to a place that cannot take it: exit 1, nothing written."""
    for ext in ('.png', '.csv'):
        os.symlink('/dev/null', os.path.join(d, 'null' + ext))
        os.mkfifo(os.path.join(d, 'fifo' + ext))
        os.mkdir(os.path.join(d, 'folder' + ext))
    place = rng.choice([os.path.join(d, 'missing-dir', 'out.png'), os.path.join(tmp, 'plain', 'out.png'),
                        os.path.join(d, 'null.png'), os.path.join(d, 'fifo.png'), os.path.join(d, 'folder.png')])
    args = ['export', '--plot', rng.choice(['error', 'function', 'phase']), '--points', '3',
            '--width', '64', '--height', '48']
    if rng.random() < 0.5:
        return args + ['--output', os.path.join(d, 'ok.png'), '--csv', place.replace('.png', '.csv')]
    return args + ['--output', place]


def full_stdout_case(d):
    """Output to /dev/full: the loss is reported."""
    return rng.choice([theory_case, simulate_case, spectrum_case, bench_case, top_case])(d)


MAKERS = [(theory_case, 26), (simulate_case, 14), (spectrum_case, 13), (export_case, 12), (window_case, 18),
          (animate_case, 4), (lesson_case, 1),
          (merge_case, 5), (unwritable_case, 4), (full_stdout_case, 4), (bench_case, 2), (top_case, 4)]


def make_case(i):
    global dirty
    d = os.path.join(tmp, 'case-%05d' % i)
    os.mkdir(d)
    dirty = rng.random() < 0.5
    maker = rng.choices([m for m, _ in MAKERS], [w for _, w in MAKERS])[0]
    args = maker(d)
    if maker is unwritable_case:
        return d, maker.__name__, [a.encode() for a in args]
    if maybe(0.25):
        args = args + junk()
    if maybe(0.1) and len(args) > 2:
        rng.shuffle(args)
    return d, maker.__name__, [a if isinstance(a, bytes) else a.encode('utf-8', 'surrogateescape') for a in args]


# ---- running ---------------------------------------------------------------------

ALARMS = (b'AddressSanitizer', b'LeakSanitizer', b'runtime error:', b'UndefinedBehaviorSanitizer',
          b'-CRITICAL **', b'-WARNING **', b'ERROR **', b'Segmentation fault')


def run_case(case):
    d, kind, args = case
    env = dict(os.environ)
    env.setdefault('ASAN_OPTIONS', 'detect_leaks=1')
    if kind == 'animate_case':
        # full stacks for tests/lsan-pango.supp (GLib's quark block that GStreamer outgrows)
        env['ASAN_OPTIONS'] += ':fast_unwind_on_malloc=0'
    # Pango's and fontconfig's process-wide caches are not leaks of ours
    env.setdefault('LSAN_OPTIONS', 'suppressions=%s:print_suppressions=0'
                   % os.path.join(os.path.dirname(os.path.abspath(__file__)), 'lsan-pango.supp'))
    env.setdefault('OPENBLAS_NUM_THREADS', '1')
    env['XDG_STATE_HOME'] = os.path.join(d, 'state')
    env['HOME'] = d
    env.pop('DISPLAY', None)
    env.pop('WAYLAND_DISPLAY', None)
    t0 = time.monotonic()
    full = kind == 'full_stdout_case'
    try:
        with open('/dev/full', 'wb') as devfull:
            p = subprocess.run([BIN.encode()] + args, cwd=d, env=env, stdin=subprocess.DEVNULL,
                               stdout=devfull if full else subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=TIMEOUT)
        rc, out, err = p.returncode, p.stdout or b'', p.stderr
    except subprocess.TimeoutExpired as e:
        rc, out, err = 'timeout', e.stdout or b'', e.stderr or b''
    seconds = time.monotonic() - t0
    problems = []
    if rc == 'timeout':
        problems.append('no end within %d s (a hang)' % TIMEOUT)
    elif rc not in (0, 1, 2):
        problems.append('exit status %s' % rc)
    if rc == 2 and out:
        problems.append('status 2 with %d bytes on stdout' % len(out))
    # every mode drawn here prints on success: with stdout on /dev/full
    # that output is lost, and status 0 would hide it
    if full and rc == 0:
        problems.append('stdout on /dev/full, yet status 0')
    if kind == 'unwritable_case' and rc != 1:
        problems.append('an unwritable place gave status %s, not 1' % rc)
    if kind == 'unwritable_case' and os.path.exists(os.path.join(d, 'ok.png')):
        problems.append('the PNG was written though its CSV was not')
    for alarm in ALARMS:
        if alarm in err:
            problems.append('stderr has %r' % alarm.decode())
    return kind, args, rc, seconds, problems, err


# the shards of one tiny sweep, as simulate --shard prints them
SHARDS = []


def make_shards():
    for i in (1, 2):
        p = subprocess.run([BIN, 'simulate', '--d', '12', '--seeds', '2', '--sweep', 'alpha', '--values', '0.5,1',
                            '--shard', '%d/2' % i], capture_output=True,
                           env=dict(os.environ, OPENBLAS_NUM_THREADS='1'))
        if p.returncode == 0 and p.stdout:
            SHARDS.append(p.stdout)


def main():
    t0 = time.monotonic()
    make_shards()
    cases = [make_case(i) for i in range(CASES)]
    counts = {}
    seconds_of = {}
    failures = []
    slowest = (0, None)
    with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for kind, args, rc, seconds, problems, err in pool.map(run_case, cases):
            counts.setdefault(kind, {}).setdefault(rc, 0)
            counts[kind][rc] += 1
            seconds_of[kind] = seconds_of.get(kind, 0.0) + seconds
            if seconds > slowest[0]:
                slowest = (seconds, args)
            if problems:
                failures.append((kind, args, problems, err))
    elapsed = time.monotonic() - t0
    n = 0
    for kind in sorted(counts):
        n += 1
        bad = [f for f in failures if f[0] == kind]
        total = sum(counts[kind].values())
        by_rc = ', '.join('%s: %d' % (rc, c) for rc, c in sorted(counts[kind].items(), key=str))
        print('%s %d - %s: %d runs (exit %s; %.0f s), properties hold%s'
              % ('not ok' if bad else 'ok', n, kind, total, by_rc, seconds_of[kind],
                 '' if not bad else ' except in %d' % len(bad)))
        for _, args, problems, err in bad[:5]:
            print('#   %s: %s' % ('; '.join(problems), ' '.join(repr(a.decode('utf-8', 'replace')) for a in args)))
            for line in err.decode('utf-8', 'replace').splitlines()[:8]:
                print('#     ' + line)
    print('# %d cases (seed %d%s) in %.1f s on %d workers; slowest %.1f s: %s'
          % (CASES, SEED, ', ASan' if ASAN else '', elapsed, WORKERS, slowest[0],
             ' '.join(a.decode('utf-8', 'replace') for a in slowest[1] or [])))
    print('1..%d' % n)
    if not failures:
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print('# the cases are kept in ' + tmp)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
